import { ASSET_SIG, SIG_KEY, UNKNOWN } from "../../provider/model/wire";
import { ProgramResource } from "./engine";
import { Stack, sha256, startStack } from "./fixture";

describe("provider methods over gRPC", () => {
  let stack: Stack;
  let program: ProgramResource[];
  let provider: string;
  const urn = "urn:pulumi:dev::twilio-serverless-example::pulumi-nodejs:dynamic/twilio:FunctionVersion::edge";
  const text = "exports.handler = (c, e, cb) => cb(null, 'edge');";
  const news = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
    __provider: provider,
    serviceSid: stack.serviceSid,
    functionSid: stack.functionSid,
    path: "/edge",
    visibility: "public",
    content: { [SIG_KEY]: ASSET_SIG, hash: sha256(text), text },
    ...changes,
  });

  beforeAll(async () => {
    stack = await startStack();
    program = await stack.capture();
    provider = String(program[0].inputs.__provider);
  });
  afterAll(() => stack.stop());

  describe("check", () => {
    it("fills the default visibility and the leading slash of the path", async () => {
      const answer = await stack.plugin.check(urn, {}, news({ path: "edge", visibility: undefined }));
      expect(answer.failures).toEqual([]);
      expect(answer.inputs).toMatchObject({ path: "/edge", visibility: "protected", __provider: provider });
    });

    it("reports each bad input with its property and a reason, without requests", async () => {
      const answer = await stack.plugin.check(
        urn,
        {},
        news({ serviceSid: stack.functionSid, functionSid: "ZH123", path: "a b", visibility: "Public", content: "" }),
      );
      expect(answer.failures).toEqual([
        { property: "serviceSid", reason: expect.stringContaining("looks like a Function or Asset SID") },
        { property: "functionSid", reason: expect.stringContaining("3 hex digits instead of 32") },
        { property: "path", reason: expect.stringContaining("contains whitespace") },
        { property: "visibility", reason: expect.stringContaining('did you mean "public"') },
        { property: "content", reason: "content is empty" },
      ]);
      expect(stack.emulator.requests).toHaveLength(0);
    });

    it("refuses a FileAsset whose file does not exist", async () => {
      const missing = { [SIG_KEY]: ASSET_SIG, hash: "", path: "does/not/exist.js" };
      const answer = await stack.plugin.check(urn, {}, news({ content: missing }));
      expect(answer.failures).toEqual([
        { property: "content", reason: expect.stringContaining('content file "does/not/exist.js" does not exist') },
      ]);
    });

    it("never fails on values unknown during preview", async () => {
      const unknowns = {
        serviceSid: UNKNOWN,
        functionSid: UNKNOWN,
        path: UNKNOWN,
        visibility: UNKNOWN,
        content: UNKNOWN,
      };
      const answer = await stack.plugin.check(urn, {}, news(unknowns));
      expect(answer.failures).toEqual([]);
      expect(answer.inputs).toMatchObject(unknowns);
    });
  });

  describe("diff", () => {
    let outputs: Record<string, unknown>;

    beforeAll(async () => {
      const checked = await stack.plugin.check(urn, {}, news());
      outputs = (await stack.plugin.create(urn, checked.inputs)).outs;
    });

    const elided = { [SIG_KEY]: ASSET_SIG, hash: sha256(text) };

    it("answers no change for the same inputs", async () => {
      expect(await stack.plugin.diff(urn, String(outputs.sid), outputs, news({ content: elided }))).toEqual({
        changes: "none",
        replaces: [],
        deleteBeforeReplace: false,
      });
    });

    it("names an unknown property as a possible replacement in preview", async () => {
      const answer = await stack.plugin.diff(
        urn,
        String(outputs.sid),
        outputs,
        news({ path: UNKNOWN, content: UNKNOWN }),
      );
      expect(answer).toEqual({ changes: "some", replaces: ["path", "content"], deleteBeforeReplace: false });
    });

    it("compares content by hash: a string equal to the asset's text is no change", async () => {
      const answer = await stack.plugin.diff(urn, String(outputs.sid), outputs, news({ content: text }));
      expect(answer.changes).toBe("none");
    });

    it("names each changed property exactly", async () => {
      const other = { [SIG_KEY]: ASSET_SIG, hash: sha256("other") };
      const answer = await stack.plugin.diff(
        urn,
        String(outputs.sid),
        outputs,
        news({ functionSid: `ZH${"0".repeat(32)}`, content: other }),
      );
      expect(answer.replaces).toEqual(["functionSid", "content"]);
    });
  });

  it("keeps every output when the engine calls update", async () => {
    const checked = await stack.plugin.check(urn, {}, news());
    const { outs } = await stack.plugin.create(urn, checked.inputs);
    const before = stack.emulator.requests.length;
    expect(await stack.plugin.update(urn, String(outs.sid), outs, checked.inputs)).toEqual(outs);
    expect(stack.emulator.requests.length).toBe(before);
  });

  it("completes from Twilio the outputs of a version kept after an incomplete create, when asked to update", async () => {
    const checked = await stack.plugin.check(urn, {}, news());
    const { outs } = await stack.plugin.create(urn, checked.inputs);
    const partial = Object.fromEntries(
      Object.entries(outs).filter(([key]) => !["accountSid", "dateCreated", "url"].includes(key)),
    );
    const before = stack.emulator.requests.length;
    expect(await stack.plugin.update(urn, String(outs.sid), partial, checked.inputs)).toEqual(outs);
    expect(stack.emulator.requests.length - before).toBe(1);
  });

  it("reads a purged version as gone", async () => {
    const checked = await stack.plugin.check(urn, {}, news());
    const { id, outs } = await stack.plugin.create(urn, checked.inputs);
    stack.emulator.purgeVersion(id);
    expect(await stack.plugin.read(urn, id, outs, checked.inputs)).toEqual({ id: "", props: expect.any(Object) });
  });

  it("fails a create with Twilio's status, code and message, and keeps no resource", async () => {
    const checked = await stack.plugin.check(urn, {}, news({ functionSid: `ZH${"f".repeat(32)}` }));
    await expect(stack.plugin.create(urn, checked.inputs)).rejects.toMatchObject({
      details: expect.stringMatching(/HTTP 404 \(error 20404\) to POST \/v1\/Services\/ZS.*Functions\/ZHf+\/Versions/),
    });
  });
});
