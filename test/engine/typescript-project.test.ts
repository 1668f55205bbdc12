import { fsHelpers } from "@twilio-labs/serverless-api";
import fs from "fs";
import path from "path";
import { BUILT_FOLDERS, buildTypeScriptProject, createTypeScriptProject } from "../toolkit/typescript-build";
import { REPO, Stack, startStack } from "./fixture";
import { requestsSince } from "./shapes";

const PROGRAM = path.join(REPO, "test", "engine", "programs", "serverless-project");
const EXAMPLE_APP = path.join(REPO, "examples", "typescript-project", "app");

describe("the Toolkit's TypeScript template, built by its own scripts and deployed from dist/", () => {
  let stack: Stack;
  let dir: string;
  beforeAll(async () => {
    // The template's functions require its dependencies (twilio, @twilio-labs/serverless-runtime-types)
    // at run time: the emulator resolves them from a node_modules folder that holds them, as the
    // project's own would after npm install.
    stack = await startStack({ project: PROGRAM, emulator: { nodeModules: path.join(REPO, "node_modules") } });
    dir = path.join(stack.tmp, "ts-app");
    createTypeScriptProject(dir, "ts-app");
    buildTypeScriptProject(dir);
  });
  afterAll(() => stack.stop());

  it("deploys the files, paths and visibilities twilio-run deploy --functions-folder dist/functions --assets-folder dist/assets deploys", async () => {
    await stack.up({ directory: dir, ...BUILT_FOLDERS });
    const environment = stack.engine.state.find((e) => e.type.endsWith(":Environment"));
    const live = stack.emulator.liveBuild(String(environment?.id));
    const deployed = (versions: { path: string; visibility: string; content: Buffer }[]): string[][] =>
      versions.map((v) => [v.path, v.visibility, v.content.toString("base64")]).sort();

    // What Twilio's own deploy library reads of the same folders, with the bytes of each file.
    const toolkit = await fsHelpers.getListOfFunctionsAndAssets(dir, {
      functionsFolderNames: [BUILT_FOLDERS.functionsFolder],
      assetsFolderNames: [BUILT_FOLDERS.assetsFolder],
    });
    const expected = (files: { path: string; access: string; filePath: string }[]): string[][] =>
      files.map((f) => [f.path, f.access, fs.readFileSync(f.filePath).toString("base64")]).sort();
    expect(deployed(live?.functionVersions ?? [])).toEqual(expected(toolkit.functions));
    expect(deployed(live?.assetVersions ?? [])).toEqual(expected(toolkit.assets));

    expect(live?.functionVersions.map((v) => [v.path, v.visibility])).toEqual([
      ["/hello-world", "public"],
      ["/private-message", "public"],
      ["/sms/reply", "protected"],
    ]);
    // tsc compiles the template's private asset message.private.ts too, with its source map, which
    // twilio-run uploads as a public asset.
    expect(live?.assetVersions.map((v) => [v.path, v.visibility])).toEqual([
      ["/index.html", "public"],
      ["/message.js", "private"],
      ["/message.private.js.map", "public"],
      ["/style.css", "public"],
    ]);
    expect(live?.dependencies.map((d) => d.name).sort()).toEqual([
      "@twilio-labs/serverless-runtime-types",
      "@twilio/runtime-handler",
      "twilio",
    ]);
  });

  it("answers at its live URLs: /hello-world with TwiML as text/xml, /private-message from its private asset", async () => {
    const environment = stack.engine.state.find((e) => e.type.endsWith(":Environment"));
    const domain = String(environment?.outputs.domainName);
    const call = async (urlPath: string): Promise<[number, string, string]> => {
      const response = await fetch(stack.emulator.runtimeUrl(domain, urlPath));
      return [response.status, String(response.headers.get("content-type")), await response.text()];
    };
    const [status, type, body] = await call("/hello-world");
    expect([status, type]).toEqual([200, expect.stringMatching(/^text\/xml/)]);
    expect(body).toContain("<Say>Hello World!</Say>");
    const [privateStatus, , privateBody] = await call("/private-message");
    expect(privateStatus).toBe(200);
    expect(privateBody).toContain("<Message>This is private!</Message>");
  });

  it("refuses a functionsFolder that is not there at construction, naming it, with no request", async () => {
    const made = requestsSince(stack.emulator);
    const missing = { directory: dir, functionsFolder: "build/functions", assetsFolder: "dist/assets" };
    await expect(stack.capture(missing)).rejects.toThrow(
      `ServerlessProject "app": functionsFolder "build/functions": ${path.join(dir, "build", "functions")} does not exist or is not a folder`,
    );
    expect(made()).toEqual([]);
  });
});

describe("the TypeScript example's app, built by its own scripts and deployed from dist/", () => {
  let stack: Stack;
  let dir: string;
  beforeAll(async () => {
    stack = await startStack({ project: PROGRAM });
    dir = path.join(stack.tmp, "example-app");
    // A build or an install already made in the example is left behind: this one starts clean.
    fs.cpSync(EXAMPLE_APP, dir, {
      recursive: true,
      filter: (source) => !["dist", "node_modules"].includes(path.relative(EXAMPLE_APP, source)),
    });
    buildTypeScriptProject(dir);
  });
  afterAll(() => stack.stop());

  it("answers TwiML as text/xml at /hello-world", async () => {
    await stack.up({ directory: dir, ...BUILT_FOLDERS, variables: JSON.stringify({ GREETING: "Ahoy" }) });
    const environment = stack.engine.state.find((e) => e.type.endsWith(":Environment"));
    const domain = String(environment?.outputs.domainName);
    const response = await fetch(stack.emulator.runtimeUrl(domain, "/hello-world?name=Ada"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await response.text()).toContain("<Say>Ahoy, Ada!</Say>");
  });
});
