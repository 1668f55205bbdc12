import fs from "fs";
import path from "path";
import { ASSET_SIG, SIG_KEY } from "../../provider/model/wire";
import { REPO, Stack, sha256, startStack } from "./fixture";

// The __provider text stored with every resource since runtime API 2, as a FunctionVersion's: it
// calls `runtime().resources[kind].*` and accepts runtime API 2 or later. States hold it for good,
// so every later runtime must serve it as it is; a new shell gets a fixture of its own.
const SHELL_API_2 = fs.readFileSync(path.join(__dirname, "fixtures", "shell-api-2.txt"), "utf8");

/** The stored shell of another kind: the same text but for the kind it names. */
const shellOf = (kind: string): string =>
  SHELL_API_2.replace('__provider.kind = "FunctionVersion";', `__provider.kind = "${kind}";`);

// Every kind stored in states, by the name the shell gives the runtime.
const STORED_KINDS = [
  "Service",
  "Function",
  "Asset",
  "FunctionVersion",
  "AssetVersion",
  "Build",
  "Environment",
  "Deployment",
  "Variable",
];

describe("resources stored with the API 2 shell, served by this runtime", () => {
  let stack: Stack;
  const urn = "urn:pulumi:dev::twilio-serverless-example::pulumi-nodejs:dynamic/twilio:FunctionVersion::stored";
  const text = "exports.handler = (c, e, cb) => cb(null, 'stored');";

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it("is the shell that names its kind and loads the runtime by package name", () => {
    expect(SHELL_API_2).toContain('__provider.kind = "FunctionVersion";');
    expect(SHELL_API_2).toContain("runtime().resources[this.kind].check(olds, news)");
    expect(SHELL_API_2).toContain('("pulumi-twilio-serverless/runtime")');
    expect(SHELL_API_2).toContain("loaded.RUNTIME_API >= 2");
  });

  it("is, byte for byte, the text this build registers for every new FunctionVersion", () => {
    const built: unknown = JSON.parse(fs.readFileSync(path.join(REPO, "dist", "provider", "shell-texts.json"), "utf8"));
    expect(built).toHaveProperty("FunctionVersion", SHELL_API_2);
  });

  it("checks, creates, diffs, refreshes and deletes a FunctionVersion as it did", async () => {
    const news = {
      __provider: SHELL_API_2,
      serviceSid: stack.serviceSid,
      functionSid: stack.functionSid,
      path: "stored",
      content: { [SIG_KEY]: ASSET_SIG, hash: sha256(text), text },
    };
    const checked = await stack.plugin.check(urn, {}, news);
    expect(checked.failures).toEqual([]);
    expect(checked.inputs).toMatchObject({ path: "/stored", visibility: "protected" });
    const created = await stack.plugin.create(urn, checked.inputs);
    expect(created.outs).toMatchObject({ sid: created.id, contentHash: sha256(text), __provider: SHELL_API_2 });
    const elided = { ...checked.inputs, content: { [SIG_KEY]: ASSET_SIG, hash: sha256(text) } };
    expect(await stack.plugin.diff(urn, created.id, created.outs, elided)).toMatchObject({ changes: "none" });
    expect(await stack.plugin.read(urn, created.id, created.outs, elided)).toEqual({
      id: created.id,
      props: created.outs,
    });
    await stack.plugin.delete(urn, created.id, created.outs);
    expect(stack.emulator.requests.map((r) => `${r.host} ${r.method}`)).toEqual(["upload POST", "api GET"]);
  });

  test.each(STORED_KINDS)("serves the kind %s, whose check answers with the inputs it lacks", async (kind) => {
    const checked = await stack.plugin.check(
      urn.replace(":FunctionVersion::", `:${kind}::`),
      {},
      {
        __provider: shellOf(kind),
      },
    );
    expect(checked.failures.length).toBeGreaterThan(0);
  });
});
