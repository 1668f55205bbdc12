import fs from "fs";
import path from "path";
import { captureProgram } from "./capture";
import { Engine } from "./engine";
import { REPO, Stack, startStack } from "./fixture";

const PROGRAM = path.join(REPO, "test", "engine", "programs", "serverless-project");
const handler = "exports.handler = (c, e, cb) => cb(null, 'hi');";

describe("one ServerlessProject program deployed as two stacks of one account", () => {
  let stack: Stack;
  let config: Record<string, string>;
  beforeAll(async () => {
    stack = await startStack({ project: PROGRAM });
    const dir = path.join(stack.tmp, "app");
    fs.mkdirSync(path.join(dir, "functions"), { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "toolkit-app" }));
    fs.writeFileSync(path.join(dir, "functions", "hello.js"), handler);
    config = { directory: dir };
  });
  afterAll(() => stack.stop());

  it("previews each stack's own Service unique name: the package name and the stack name", async () => {
    for (const name of ["dev", "staging"]) {
      const declared = await captureProgram({
        project: stack.project,
        stack: name,
        config: stack.programConfig(config),
        preview: true,
      });
      const service = declared.find((r) => r.type.endsWith(":Service"));
      expect(service?.inputs.uniqueName).toBe(`toolkit-app-${name}`);
    }
  });

  it("deploys both, each with a Service and a domain of its own, and destroys each without touching the other", async () => {
    const staging = new Engine(stack.plugin, stack.project, "staging");
    await stack.up(config);
    await staging.up({ config: stack.programConfig(config) });
    const services = [...stack.emulator.store.services.values()].map((s) => s.uniqueName).sort();
    expect(services).toEqual(["example", "toolkit-app-dev", "toolkit-app-staging"]);
    const domains = [stack.engine, staging].map((engine) =>
      String(engine.state.find((e) => e.type.endsWith(":Environment"))?.outputs.domainName),
    );
    expect(domains[0]).toMatch(/^toolkit-app-dev-\d{4}\.twil\.io$/);
    expect(domains[1]).toMatch(/^toolkit-app-staging-\d{4}\.twil\.io$/);

    await staging.destroy();
    expect([...stack.emulator.store.services.values()].map((s) => s.uniqueName).sort()).toEqual([
      "example",
      "toolkit-app-dev",
    ]);
    await stack.engine.destroy();
  });
});
