import fs from "fs";
import os from "os";
import path from "path";
import { ASSET_VERSION, FUNCTION_VERSION } from "../../provider/model/versions";
import { checkInputs } from "../../provider/pulumi/spec";
import { PropertyBag, SIG_KEY } from "../../provider/model/wire";

const SIG = "4dabf18193072939515e22adb298388d";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SERVICE_SID = `ZS${"a".repeat(32)}`;
const FUNCTION_SID = `ZH${"b".repeat(32)}`;
const CODE = "exports.handler = (context, event, callback) => callback(null, 'hi');";
const HASH = "0".repeat(64);
const FORBIDDEN = `Twilio paths cannot contain # ; , ? : @ + & $ ( ) ' " or whitespace`;

let programDir: string;

beforeAll(() => {
  programDir = fs.mkdtempSync(path.join(os.tmpdir(), "fv-inputs-"));
  fs.writeFileSync(path.join(programDir, "hello.js"), CODE);
  fs.writeFileSync(path.join(programDir, "empty.js"), "");
  fs.mkdirSync(path.join(programDir, "functions"));
});

afterAll(() => {
  fs.rmSync(programDir, { recursive: true, force: true });
});

const valid = (overrides: PropertyBag = {}): PropertyBag => ({
  serviceSid: SERVICE_SID,
  functionSid: FUNCTION_SID,
  path: "/hello",
  content: CODE,
  ...overrides,
});

const check = (news: PropertyBag) => checkInputs(FUNCTION_VERSION, news, { programDir });

/** The failures of `news` as `property: reason` lines. */
const failuresOf = (news: PropertyBag): string[] => check(news).failures.map((f) => `${f.property}: ${f.reason}`);

describe("FunctionVersion check", () => {
  it("accepts valid inputs, filling in the default visibility", () => {
    const news = valid();
    expect(check(news)).toEqual({
      inputs: {
        serviceSid: SERVICE_SID,
        functionSid: FUNCTION_SID,
        path: "/hello",
        visibility: "protected",
        content: CODE,
      },
      failures: [],
    });
    expect(news).not.toHaveProperty("visibility");
  });

  describe("path", () => {
    it('adds the leading slash: "hello" becomes "/hello"', () => {
      const news = valid({ path: "hello" });
      expect(check(news).inputs.path).toBe("/hello");
      expect(news.path).toBe("hello");
    });

    test.each(["/a/b/c", "/hello-world_v2.js", "/~user/x.y", "/"])("keeps %j as is", (value) => {
      expect(check(valid({ path: value }))).toMatchObject({ inputs: { path: value }, failures: [] });
    });

    test.each([
      ["#", '"#"'],
      [";", '";"'],
      [",", '","'],
      ["?", '"?"'],
      [":", '":"'],
      ["@", '"@"'],
      ["+", '"+"'],
      ["&", '"&"'],
      ["$", '"$"'],
      ["(", '"("'],
      [")", '")"'],
      ["'", `"'"`],
      ['"', '"""'],
      [" ", "whitespace"],
      ["\t", "whitespace"],
      ["\n", "whitespace"],
    ])("refuses %j, showing it as %s", (char, shown) => {
      const value = `/a${char}b`;
      expect(failuresOf(valid({ path: value }))).toEqual([
        `path: path ${JSON.stringify(value)} contains ${shown}; ${FORBIDDEN}`,
      ]);
    });

    it("shows the path escaped in the message", () => {
      expect(failuresOf(valid({ path: '/say"hi"' }))).toEqual([`path: path "/say\\"hi\\"" contains """; ${FORBIDDEN}`]);
      expect(failuresOf(valid({ path: "/tab\there" }))).toEqual([
        `path: path "/tab\\there" contains whitespace; ${FORBIDDEN}`,
      ]);
    });

    it("does not normalise a refused path", () => {
      expect(check(valid({ path: "a b" })).inputs.path).toBe("a b");
    });

    it("allows 255 characters counting the leading slash", () => {
      expect(check(valid({ path: "a".repeat(254) }))).toMatchObject({
        inputs: { path: `/${"a".repeat(254)}` },
        failures: [],
      });
      expect(check(valid({ path: `/${"a".repeat(254)}` })).failures).toEqual([]);
    });

    test.each([
      ["without a slash", "a".repeat(255)],
      ["with a slash", `/${"a".repeat(255)}`],
    ])("refuses 256 characters counting the leading slash (%s)", (_what, value) => {
      expect(failuresOf(valid({ path: value }))).toEqual([
        "path: path is 256 characters long (with its leading slash); Twilio allows at most 255",
      ]);
    });

    test.each<[string, unknown]>([
      ["missing", undefined],
      ["null", null],
      ["empty", ""],
    ])("requires a path (%s)", (_what, value) => {
      expect(failuresOf(valid({ path: value }))).toEqual(["path: path is required, e.g. /hello"]);
    });

    it("refuses a path that is not a string", () => {
      expect(failuresOf(valid({ path: 7 }))).toEqual(["path: path must be a string, not a number"]);
    });
  });

  describe("visibility", () => {
    test.each(["public", "protected", "private"])("accepts %j", (visibility) => {
      expect(check(valid({ visibility }))).toMatchObject({ inputs: { visibility }, failures: [] });
    });

    test.each<[string, unknown]>([
      ["missing", undefined],
      ["null", null],
    ])('defaults to "protected" when %s', (_what, visibility) => {
      expect(check(valid({ visibility }))).toMatchObject({ inputs: { visibility: "protected" }, failures: [] });
    });

    test.each([
      ["Public", "public"],
      ["PRIVATE", "private"],
      [" protected ", "protected"],
      ["Private\n", "private"],
    ])("suggests the right spelling for %j", (visibility, hint) => {
      expect(failuresOf(valid({ visibility }))).toEqual([
        `visibility: visibility must be "public", "protected" or "private", got ${JSON.stringify(visibility)} (did you mean "${hint}"?)`,
      ]);
    });

    test.each<[unknown, string]>([
      ["publik", '"publik"'],
      ["", '""'],
      [true, "true"],
      [1, "1"],
    ])("refuses %j without a hint", (visibility, shown) => {
      expect(failuresOf(valid({ visibility }))).toEqual([
        `visibility: visibility must be "public", "protected" or "private", got ${shown}`,
      ]);
    });
  });

  describe("SIDs", () => {
    it("refuses a Function SID given as serviceSid", () => {
      expect(failuresOf(valid({ serviceSid: FUNCTION_SID }))).toEqual([
        `serviceSid: serviceSid must be a Service SID ("ZS" followed by 32 hex digits), but "${FUNCTION_SID}" looks like a Function or Asset SID`,
      ]);
    });

    it("refuses a Service SID given as functionSid", () => {
      expect(failuresOf(valid({ functionSid: SERVICE_SID }))).toEqual([
        `functionSid: functionSid must be a Function or Asset SID ("ZH" followed by 32 hex digits), but "${SERVICE_SID}" looks like a Service SID`,
      ]);
    });

    it("requires both", () => {
      expect(failuresOf(valid({ serviceSid: undefined, functionSid: "" }))).toEqual([
        'serviceSid: serviceSid is required: a Service SID ("ZS" followed by 32 hex digits)',
        'functionSid: functionSid is required: a Function or Asset SID ("ZH" followed by 32 hex digits)',
      ]);
    });
  });

  describe("properties", () => {
    it("refuses an unknown extra property", () => {
      expect(failuresOf(valid({ visiblity: "public" }))).toEqual([
        'visiblity: unknown property "visiblity" (did you mean "visibility"?); FunctionVersion takes serviceSid, functionSid, path, visibility, content',
      ]);
    });

    it("allows __provider and passes it through", () => {
      expect(check(valid({ __provider: "opaque" }))).toMatchObject({
        inputs: { __provider: "opaque" },
        failures: [],
      });
    });

    it("reports every failure at once", () => {
      expect(
        check({ serviceSid: 1, path: "a b", visibility: "x", content: "", extra: 1 }).failures.map((f) => f.property),
      ).toEqual(["extra", "serviceSid", "functionSid", "path", "visibility", "content"]);
    });
  });

  describe("values unknown during preview", () => {
    test.each(["serviceSid", "functionSid", "path", "visibility", "content"])("never fail for %s", (key) => {
      const { inputs, failures } = check(valid({ [key]: UNKNOWN }));
      expect(failures).toEqual([]);
      expect(inputs[key]).toBe(UNKNOWN);
    });

    it("never fail when every property is unknown", () => {
      const news = {
        serviceSid: UNKNOWN,
        functionSid: UNKNOWN,
        path: UNKNOWN,
        visibility: UNKNOWN,
        content: UNKNOWN,
      };
      expect(check(news)).toEqual({ inputs: news, failures: [] });
    });
  });

  describe("content", () => {
    const REQUIRED = "content is required: a string, a pulumi.asset.StringAsset or a pulumi.asset.FileAsset";
    const NOT_A = "content must be a string, a pulumi.asset.StringAsset or a pulumi.asset.FileAsset, not a";

    test.each<[string, unknown, string]>([
      ["missing", undefined, REQUIRED],
      ["null", null, REQUIRED],
      ["an empty string", "", "content is empty"],
      ["whitespace only", " \n\t ", "content is only whitespace"],
      ["a number", 42, `${NOT_A} number`],
      ["a boolean", false, `${NOT_A} boolean`],
      ["an array", ["a"], `${NOT_A} list`],
      [
        "a plain object",
        { text: CODE },
        "content must be a string, a pulumi.asset.StringAsset or a pulumi.asset.FileAsset, not an object",
      ],
      ["an empty StringAsset", { [SIG]: ASSET_SIG, hash: HASH, text: "" }, "content is empty"],
      ["a blank StringAsset", { [SIG]: ASSET_SIG, hash: HASH, text: "\n\n" }, "content is only whitespace"],
      [
        "a RemoteAsset",
        { [SIG]: ASSET_SIG, uri: "https://example.test/f.js" },
        "content cannot be a pulumi.asset.RemoteAsset: use a FileAsset or StringAsset so the bytes are known at deploy time",
      ],
      [
        "a RemoteAsset with a hash",
        { [SIG]: ASSET_SIG, hash: HASH, uri: "https://example.test/f.js" },
        "content cannot be a pulumi.asset.RemoteAsset: use a FileAsset or StringAsset so the bytes are known at deploy time",
      ],
      [
        "an archive",
        { [SIG]: ARCHIVE_SIG, hash: HASH, path: "dir" },
        "content must be a single file: archives are not supported",
      ],
      ["an asset with nothing in it", { [SIG]: ASSET_SIG }, "content is an asset without text, path or hash"],
    ])("refuses %s", (_what, content, reason) => {
      expect(check(valid({ content })).failures).toEqual([{ property: "content", reason }]);
    });

    test.each<[string, unknown]>([
      ["a string", CODE],
      ["a StringAsset", { [SIG]: ASSET_SIG, hash: HASH, text: CODE }],
      ["a FileAsset with a relative path", { [SIG]: ASSET_SIG, hash: HASH, path: "hello.js" }],
      ["a hash-only asset", { [SIG]: ASSET_SIG, hash: HASH }],
    ])("accepts %s", (_what, content) => {
      expect(check(valid({ content })).failures).toEqual([]);
    });

    it("accepts a FileAsset with an absolute path", () => {
      const content = { [SIG]: ASSET_SIG, hash: HASH, path: path.join(programDir, "hello.js") };
      expect(check(valid({ content })).failures).toEqual([]);
    });

    it("refuses a FileAsset whose file does not exist, saying where it looked", () => {
      const content = { [SIG]: ASSET_SIG, hash: HASH, path: "missing.js" };
      expect(check(valid({ content })).failures).toEqual([
        {
          property: "content",
          reason: `content file "missing.js" does not exist (looked for ${path.join(programDir, "missing.js")})`,
        },
      ]);
    });

    it("refuses an empty file", () => {
      const content = { [SIG]: ASSET_SIG, hash: HASH, path: "empty.js" };
      expect(check(valid({ content })).failures).toEqual([
        { property: "content", reason: 'content file "empty.js" is empty' },
      ]);
    });

    it("refuses a directory", () => {
      const content = { [SIG]: ASSET_SIG, hash: HASH, path: "functions" };
      expect(check(valid({ content })).failures).toEqual([
        {
          property: "content",
          reason: `content file "functions" is not a regular file (${path.join(programDir, "functions")})`,
        },
      ]);
    });
  });
});

describe("Twilio's upload size limits, checked before anything is sent", () => {
  const MB = 1024 * 1024;
  let bigFile: string;
  beforeAll(() => {
    bigFile = path.join(programDir, "big.bin");
    fs.writeFileSync(bigFile, "");
    fs.truncateSync(bigFile, 11 * MB);
  });
  const fileAsset = (file: string): PropertyBag => ({ [SIG_KEY]: ASSET_SIG, hash: HASH, path: file });
  const assetCheck = (news: PropertyBag) =>
    checkInputs(
      ASSET_VERSION,
      { serviceSid: SERVICE_SID, assetSid: FUNCTION_SID, path: "/big.bin", ...news },
      { programDir },
    );

  it("refuses a private asset over 10 MB, naming the file, its size and the limit", () => {
    expect(assetCheck({ visibility: "private", content: fileAsset("big.bin") }).failures).toEqual([
      {
        property: "content",
        reason: 'content file "big.bin" is 11 MB; Twilio accepts at most 10 MB for a private asset',
      },
    ]);
  });

  it("takes the same file as a public asset or as a function, whose limit is 25 MB", () => {
    expect(assetCheck({ visibility: "public", content: fileAsset("big.bin") }).failures).toEqual([]);
    expect(check(valid({ visibility: "private", content: fileAsset("big.bin") })).failures).toEqual([]);
  });

  it("refuses a function over 25 MB, given as text", () => {
    expect(check(valid({ content: "x".repeat(26 * MB) })).failures).toEqual([
      { property: "content", reason: "content is 26 MB; Twilio accepts at most 25 MB for a protected function" },
    ]);
  });
});
