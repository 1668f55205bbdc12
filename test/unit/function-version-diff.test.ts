import crypto from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import { diffInputs } from "../../provider/pulumi/spec";
import { FUNCTION_VERSION } from "../../provider/model/versions";
import { PropertyBag } from "../../provider/model/wire";

const SIG = "4dabf18193072939515e22adb298388d";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SERVICE_SID = `ZS${"a".repeat(32)}`;
const FUNCTION_SID = `ZH${"b".repeat(32)}`;
const CODE = "exports.handler = (context, event, callback) => callback(null, 'hi');";
const OTHER_CODE = "exports.handler = (context, event, callback) => callback(null, 'bye');";

const sha256 = (data: string): string => crypto.createHash("sha256").update(data).digest("hex");

let programDir: string;

beforeAll(() => {
  programDir = fs.mkdtempSync(path.join(os.tmpdir(), "fv-diff-"));
  fs.writeFileSync(path.join(programDir, "same.js"), CODE);
  fs.writeFileSync(path.join(programDir, "other.js"), OTHER_CODE);
});

afterAll(() => {
  fs.rmSync(programDir, { recursive: true, force: true });
});

/** Outputs of a version created from CODE. */
const olds: PropertyBag = {
  sid: `ZN${"c".repeat(32)}`,
  accountSid: `AC${"d".repeat(32)}`,
  serviceSid: SERVICE_SID,
  functionSid: FUNCTION_SID,
  path: "/hello",
  visibility: "protected",
  contentHash: sha256(CODE),
  dateCreated: "2024-01-01T00:00:00Z",
  url: "https://serverless.twilio.com/v1/x",
  __provider: "provider-v1",
};

const news = (overrides: PropertyBag = {}): PropertyBag => ({
  serviceSid: SERVICE_SID,
  functionSid: FUNCTION_SID,
  path: "/hello",
  visibility: "protected",
  content: CODE,
  ...overrides,
});

const diff = (overrides: PropertyBag = {}) => diffInputs(FUNCTION_VERSION, olds, news(overrides), { programDir });

const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };

describe("FunctionVersion diff", () => {
  it("finds no change in identical inputs", () => {
    expect(diff()).toEqual(NO_CHANGE);
  });

  it('sees no change between "hello" and "/hello"', () => {
    expect(diff({ path: "hello" })).toEqual(NO_CHANGE);
  });

  test.each<[string, unknown]>([
    ["undefined", undefined],
    ["null", null],
  ])('treats visibility %s as the "protected" stored', (_what, visibility) => {
    expect(diff({ visibility })).toEqual(NO_CHANGE);
  });

  it('sees a change from "protected" to an unset visibility when the old one was "public"', () => {
    expect(
      diffInputs(FUNCTION_VERSION, { ...olds, visibility: "public" }, news({ visibility: undefined }), {
        programDir,
      }),
    ).toEqual({
      changes: true,
      replaces: ["visibility"],
      deleteBeforeReplace: false,
    });
  });

  test.each<[string, unknown]>([
    ["serviceSid", `ZS${"e".repeat(32)}`],
    ["functionSid", `ZH${"e".repeat(32)}`],
    ["path", "/goodbye"],
    ["path", "goodbye"],
    ["visibility", "public"],
    ["visibility", "private"],
    ["content", OTHER_CODE],
  ])("replaces exactly %s when it changes to %j", (key, value) => {
    expect(diff({ [key]: value })).toEqual({ changes: true, replaces: [key], deleteBeforeReplace: false });
  });

  it("names every changed property, in a fixed order", () => {
    expect(
      diff({
        content: OTHER_CODE,
        visibility: "public",
        path: "/x",
        functionSid: `ZH${"e".repeat(32)}`,
        serviceSid: `ZS${"e".repeat(32)}`,
      }),
    ).toEqual({
      changes: true,
      replaces: ["serviceSid", "functionSid", "path", "visibility", "content"],
      deleteBeforeReplace: false,
    });
  });

  it("compares SIDs without regard to case", () => {
    expect(diff({ serviceSid: `ZS${"A".repeat(32)}`, functionSid: `ZH${"B".repeat(32)}` })).toEqual(NO_CHANGE);
  });

  it("compares paths with regard to case", () => {
    expect(diff({ path: "/Hello" }).replaces).toEqual(["path"]);
  });

  describe("content is compared by hash", () => {
    test.each<[string, unknown]>([
      ["a string", CODE],
      ["a StringAsset", { [SIG]: ASSET_SIG, hash: sha256(CODE), text: CODE }],
      ["a StringAsset without hash", { [SIG]: ASSET_SIG, text: CODE }],
      ["a hash-only asset", { [SIG]: ASSET_SIG, hash: sha256(CODE) }],
      ["a FileAsset", { [SIG]: ASSET_SIG, hash: sha256(CODE), path: "same.js" }],
      ["a FileAsset without hash, hashed from the file", { [SIG]: ASSET_SIG, path: "same.js" }],
    ])("sees no change in the same code as %s", (_what, content) => {
      expect(diff({ content })).toEqual(NO_CHANGE);
    });

    test.each<[string, unknown]>([
      ["a string", OTHER_CODE],
      ["a StringAsset", { [SIG]: ASSET_SIG, hash: sha256(OTHER_CODE), text: OTHER_CODE }],
      ["a hash-only asset", { [SIG]: ASSET_SIG, hash: sha256(OTHER_CODE) }],
      ["a FileAsset without hash", { [SIG]: ASSET_SIG, path: "other.js" }],
    ])("replaces content for other code as %s", (_what, content) => {
      expect(diff({ content })).toEqual({ changes: true, replaces: ["content"], deleteBeforeReplace: false });
    });

    it("trusts the engine's asset hash over the text", () => {
      expect(diff({ content: { [SIG]: ASSET_SIG, hash: sha256(CODE), text: OTHER_CODE } })).toEqual(NO_CHANGE);
    });

    test.each<[string, unknown]>([
      ["missing", undefined],
      ["a number", 42],
    ])("replaces content that is %s", (_what, content) => {
      expect(diff({ content }).replaces).toEqual(["content"]);
    });

    it("replaces content when the old outputs hold no hash", () => {
      const withoutHash = { ...olds };
      delete withoutHash.contentHash;
      expect(diffInputs(FUNCTION_VERSION, withoutHash, news(), { programDir }).replaces).toEqual(["content"]);
    });
  });

  describe("values unknown during preview", () => {
    test.each(["serviceSid", "functionSid", "path", "visibility", "content"])("replace %s", (key) => {
      expect(diff({ [key]: UNKNOWN })).toEqual({ changes: true, replaces: [key], deleteBeforeReplace: false });
    });
  });

  it("ignores a differing __provider", () => {
    expect(diff({ __provider: "provider-v2" })).toEqual(NO_CHANGE);
  });
});
