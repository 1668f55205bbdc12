import fs from "fs";
import os from "os";
import path from "path";
import { ARCHIVE_SIG, ASSET_SIG, SIG_KEY } from "../../provider/model/wire";
import { Stack, sha256, startStack } from "./fixture";

const urn = "urn:pulumi:dev::twilio-serverless-example::pulumi-nodejs:dynamic/twilio:FunctionVersion::bad";
const hex = (n: number): string => "0123456789abcdef".repeat(3).slice(0, n);
const text = "exports.handler = (c, e, cb) => cb(null, 'bad input');";
const asset = (fields: Record<string, unknown>) => ({ [SIG_KEY]: ASSET_SIG, ...fields });
const EMPTY_FILE = path.join(os.tmpdir(), `empty-function-${process.pid}.js`);
/** Marks a property the program leaves out. */
const OMIT = Symbol("omit");

/** The property a case breaks, the value it gives it, and what the reason must say. */
type Case = [name: string, property: string, value: unknown, reason: RegExp];

const SID_CASES = (property: "serviceSid" | "functionSid", prefix: "ZS" | "ZH"): Case[] => [
  [`${property} left out`, property, OMIT, new RegExp(`^${property} is required: a .* SID \\("${prefix}"`)],
  [`${property} empty`, property, "", new RegExp(`^${property} is required`)],
  [`${property} too short`, property, `${prefix}${hex(31)}`, /has 31 hex digits instead of 32/],
  [`${property} too long`, property, `${prefix}${hex(32)}0`, /has 33 hex digits instead of 32/],
  [`${property} with a non-hex digit`, property, `${prefix}${hex(31)}g`, /characters that are not hex digits/],
  [
    `${property} in lowercase`,
    property,
    `${prefix.toLowerCase()}${hex(32)}`,
    new RegExp(`start with uppercase "${prefix}"`),
  ],
  [`${property} padded with spaces`, property, ` ${prefix}${hex(32)} `, /leading or trailing whitespace/],
  [`${property} a bare name`, property, "hello", new RegExp(`does not start with "${prefix}"`)],
  [`${property} a number`, property, 42, /not a number/],
  [`${property} an Account SID`, property, `AC${hex(32)}`, /looks like an Account SID/],
  [
    `${property} a Function Version SID`,
    property,
    `ZN${hex(32)}`,
    /looks like a Function Version or Asset Version SID/,
  ],
];

const FORBIDDEN = ["#", ";", ",", "?", ":", "@", "+", "&", "$", "(", ")", "'", '"'];

const CASES: Case[] = [
  ...SID_CASES("serviceSid", "ZS"),
  ...SID_CASES("functionSid", "ZH"),
  ["serviceSid a Function SID", "serviceSid", `ZH${hex(32)}`, /looks like a Function or Asset SID/],
  ["functionSid a Service SID", "functionSid", `ZS${hex(32)}`, /looks like a Service SID/],

  ["path left out", "path", OMIT, /^path is required, e.g. \/hello$/],
  ["path empty", "path", "", /^path is required/],
  ["path a number", "path", 7, /^path must be a string, not a number$/],
  ["path of 256 characters", "path", `/${"a".repeat(255)}`, /path is 256 characters long .*at most 255/],
  ["path of 255 characters before its slash", "path", "a".repeat(255), /path is 256 characters long/],
  ...FORBIDDEN.map((c): Case => [`path with ${c}`, "path", `/a${c}b`, new RegExp(`contains "\\${c}"; Twilio paths`)]),
  ["path with a space", "path", "/a b", /contains whitespace/],
  ["path with a tab", "path", "/a\tb", /contains whitespace/],
  ["path with a newline", "path", "/hello\n", /contains whitespace/],

  ["content left out", "content", OMIT, /^content is required: a string, a pulumi.asset.StringAsset/],
  ["content empty", "content", "", /^content is empty$/],
  ["content only whitespace", "content", " \n\t ", /^content is only whitespace$/],
  ["content an empty StringAsset", "content", asset({ hash: sha256(""), text: "" }), /^content is empty$/],
  ["content a blank StringAsset", "content", asset({ hash: sha256("\n\n"), text: "\n\n" }), /only whitespace/],
  ["content a number", "content", 42, /^content must be a string, .* not a number$/],
  ["content a boolean", "content", true, /not a boolean$/],
  ["content a list", "content", [text], /not a list$/],
  ["content a plain object", "content", { code: text }, /not an object$/],
  ["content a FileAsset of a missing file", "content", asset({ path: "missing.js" }), /"missing.js" does not exist/],
  ["content a FileAsset of a folder", "content", asset({ path: "." }), /is not a regular file/],
  ["content a FileAsset of an empty file", "content", asset({ path: EMPTY_FILE }), /is empty$/],
  ["content a RemoteAsset", "content", asset({ uri: "https://example.com/f.js" }), /cannot be a .*RemoteAsset/],
  ["content an archive", "content", { [SIG_KEY]: ARCHIVE_SIG, assets: {} }, /archives are not supported/],

  ["visibility capitalised", "visibility", "Public", /got "Public" \(did you mean "public"\?\)/],
  ["visibility with a trailing space", "visibility", "private ", /did you mean "private"/],
  [
    "visibility misspelt",
    "visibility",
    "protect",
    /^visibility must be "public", "protected" or "private", got "protect"$/,
  ],
  ["visibility empty", "visibility", "", /got ""$/],
  ["visibility a boolean", "visibility", true, /got true$/],

  [
    "a misspelt property",
    "visiblity",
    "public",
    /^unknown property "visiblity" \(did you mean "visibility"\?\); FunctionVersion takes serviceSid, /,
  ],
  ["a property in Twilio's casing", "Path", "/hello", /^unknown property "Path" \(did you mean "path"\?\)/],
  [
    "a property of another resource",
    "friendlyName",
    "hello",
    /^unknown property "friendlyName"; FunctionVersion takes/,
  ],
];

describe("bad input is refused at check, before any request", () => {
  let stack: Stack;
  let provider: string;

  const valid = (): Record<string, unknown> => ({
    __provider: provider,
    serviceSid: stack.serviceSid,
    functionSid: stack.functionSid,
    path: "/bad",
    visibility: "public",
    content: asset({ hash: sha256(text), text }),
  });

  beforeAll(async () => {
    stack = await startStack();
    const [example] = await stack.capture();
    provider = String(example.inputs.__provider);
    fs.writeFileSync(EMPTY_FILE, "");
  });
  afterAll(async () => {
    fs.rmSync(EMPTY_FILE, { force: true });
    await stack.stop();
  });

  test.each(CASES)("%s", async (_name, property, value, reason) => {
    const news = Object.fromEntries(Object.entries({ ...valid(), [property]: value }).filter(([, v]) => v !== OMIT));
    const before = stack.emulator.requests.length;
    const answer = await stack.plugin.check(urn, {}, news);
    expect(answer.failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
    expect(stack.emulator.requests.length).toBe(before);
  });

  it("accepts the same inputs without the fault, and a path of exactly 255 characters", async () => {
    const answer = await stack.plugin.check(urn, {}, { ...valid(), path: "a".repeat(254) });
    expect(answer.failures).toEqual([]);
    expect(answer.inputs.path).toBe(`/${"a".repeat(254)}`);
    expect(stack.emulator.requests).toHaveLength(0);
  });

  it("names the function SID when it is not a Function's, which only Twilio can tell (Assets' start with ZH too)", async () => {
    const assetSid = `ZH${"a".repeat(32)}`;
    const news = { ...valid(), functionSid: assetSid };
    expect((await stack.plugin.check(urn, {}, news)).failures).toEqual([]);
    await expect(stack.plugin.create(urn, news)).rejects.toMatchObject({
      details: expect.stringContaining(
        `Check that Function ${assetSid} exists in Service ${stack.serviceSid} (an Asset SID also starts with ZH`,
      ),
    });
  });
});
