import fs from "fs";
import path from "path";
import { ASSET_SIG, SIG_KEY } from "../../provider/model/wire";
import { Stack, sha256, startStack } from "./fixture";

// The __provider text that version 0.1.0 stored with every FunctionVersion. It calls
// `runtime().functionVersion.*` and accepts runtime API 1 or later.
const SHELL_0_1_0 = fs.readFileSync(path.join(__dirname, "fixtures", "function-version-shell-0.1.0.txt"), "utf8");

describe("a FunctionVersion stored by 0.1.0, served by this runtime", () => {
  let stack: Stack;
  const urn = "urn:pulumi:dev::twilio-serverless-example::pulumi-nodejs:dynamic/twilio:FunctionVersion::stored";
  const text = "exports.handler = (c, e, cb) => cb(null, 'stored');";

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it("is the shell of 0.1.0, which knows no resource kinds", () => {
    expect(SHELL_0_1_0).toContain("runtime().functionVersion.check(olds, news)");
    expect(SHELL_0_1_0).not.toContain("resources");
  });

  it("checks, creates, diffs, refreshes and deletes as it did", async () => {
    const news = {
      __provider: SHELL_0_1_0,
      serviceSid: stack.serviceSid,
      functionSid: stack.functionSid,
      path: "stored",
      content: { [SIG_KEY]: ASSET_SIG, hash: sha256(text), text },
    };
    const checked = await stack.plugin.check(urn, {}, news);
    expect(checked.failures).toEqual([]);
    expect(checked.inputs).toMatchObject({ path: "/stored", visibility: "protected" });
    const created = await stack.plugin.create(urn, checked.inputs);
    expect(created.outs).toMatchObject({ sid: created.id, contentHash: sha256(text), __provider: SHELL_0_1_0 });
    const elided = { ...checked.inputs, content: { [SIG_KEY]: ASSET_SIG, hash: sha256(text) } };
    expect(await stack.plugin.diff(urn, created.id, created.outs, elided)).toMatchObject({ changes: "none" });
    expect(await stack.plugin.read(urn, created.id, created.outs, elided)).toEqual({
      id: created.id,
      props: created.outs,
    });
    await stack.plugin.delete(urn, created.id, created.outs);
    expect(stack.emulator.requests.map((r) => `${r.host} ${r.method}`)).toEqual(["upload POST", "api GET"]);
  });
});
