import path from "path";
import { REPO, Stack, startStack } from "./fixture";
import { ops, requestsSince, shape, typed } from "./shapes";
import { writeFiles } from "../files";

const PROGRAM = path.join(REPO, "test", "engine", "programs", "layout-migration");
const handler = (answer: string): string => `exports.handler = (c, e, cb) => cb(null, ${JSON.stringify(answer)});`;

describe("a stack deployed when each file was a Function and a version, upgraded to one resource per file", () => {
  let stack: Stack;
  let config: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack({ project: PROGRAM });
    const directory = path.join(stack.tmp, "app");
    writeFiles(directory, { "functions/hello.js": handler("hello"), "assets/style.css": "body {}" });
    config = { directory, uniqueName: "migrated" };
  });
  afterAll(() => stack.stop());

  it("keeps each Function and Asset, uploads a version into it, and forgets the former version resources", async () => {
    await stack.up({ ...config, layout: "versions" });
    const sidOf = (type: string): string => String(stack.engine.state.find((e) => e.type.endsWith(`:${type}`))?.id);
    const functionSid = sidOf("Function");
    const assetSid = sidOf("Asset");
    const made = requestsSince(stack.emulator);

    const preview = ops(await stack.preview({ ...config, layout: "files" }), typed);
    expect(Object.entries(preview).filter(([, op]) => op !== "same")).toEqual([
      ["FunctionFile app/hello", "update content,path,visibility"],
      ["AssetFile app/style.css", "update content,path,visibility"],
      ["Build app", "replace functionVersions,assetVersions"],
      ["Deployment app", "replace buildSid"],
      ["FunctionVersion app/hello", "delete"],
      ["AssetVersion app/style.css", "delete"],
    ]);
    expect(made()).toEqual([]);

    await stack.up({ ...config, layout: "files" });
    const requests = shape(made());
    expect(requests.filter((r) => r.startsWith("POST") || r.startsWith("DELETE"))).toEqual([
      "POST /v1/Services/ZS/Functions/ZH/Versions",
      "POST /v1/Services/ZS/Assets/ZH/Versions",
      "POST /v1/Services/ZS/Builds",
      "POST /v1/Services/ZS/Environments/ZE/Deployments",
      "DELETE /v1/Services/ZS/Builds/ZB",
    ]);
    expect(sidOf("FunctionFile")).toBe(functionSid);
    expect(sidOf("AssetFile")).toBe(assetSid);
    expect(stack.engine.state.map((e) => e.type.split(":").pop()).sort()).toEqual(
      ["AssetFile", "Build", "Deployment", "Environment", "FunctionFile", "ServerlessProject", "Service"].sort(),
    );
    const domain = String(stack.engine.state.find((e) => e.type.endsWith(":Environment"))?.outputs.domainName);
    const response = await fetch(stack.emulator.runtimeUrl(domain, "/hello"));
    expect(`${response.status} ${await response.text()}`).toBe("200 hello");

    expect(new Set(Object.values(ops(await stack.up({ ...config, layout: "files" }))))).toEqual(new Set(["same"]));
    expect(made()).toEqual([]);
  });
});
