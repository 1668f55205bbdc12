import { execFile } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import { isBag } from "../../provider/model/wire";
import { captureProgram } from "./capture";
import { FUNCTION_EXAMPLE, REPO, Stack, sha256, startStack } from "./fixture";
import { loadProject } from "./project";
import { ProviderProcess } from "./provider-process";
import { UserProject, makeUserProject } from "./user-project";

const PULUMI_YAML = "name: user-project\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n";

const PROGRAM = [
  'import * as pulumi from "@pulumi/pulumi";',
  'import { FunctionVersion, Visibility } from "pulumi-twilio-serverless";',
  "const config = new pulumi.Config();",
  'const hi = new FunctionVersion("hi", {',
  '  serviceSid: config.require("serviceSid"),',
  '  functionSid: config.require("functionSid"),',
  '  path: "hi",',
  '  content: new pulumi.asset.FileAsset("functions/hi.js"),',
  "});",
  "export const visibility: pulumi.Output<Visibility> = hi.visibility;",
].join("\n");

// The tsconfig.json of Pulumi's TypeScript project template: strict, and library types checked too.
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

const README = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
/** Every fenced block of the README: its language tag (empty when it has none) and its code. */
const BLOCKS = [...README.matchAll(/^```(\S*)\n([\s\S]*?)^```$/gm)].map((match) => ({
  lang: match[1],
  code: match[2],
}));
/** The TypeScript snippets of the README, each a whole program. */
const SNIPPETS = BLOCKS.filter((block) => block.lang === "ts" || block.lang === "typescript").map(
  (block) => block.code,
);
const HELLO = "exports.handler = (c, e, cb) => cb(null, 'hello');";

let user: UserProject;

beforeAll(async () => {
  // Each README snippet is a program of its own, in a folder of the user's project.
  const snippets = Object.fromEntries(
    SNIPPETS.flatMap((code, i) => [
      [`snippets/${i}/Pulumi.yaml`, PULUMI_YAML],
      [`snippets/${i}/index.ts`, code],
      [`snippets/${i}/functions/hello.js`, HELLO],
      // A Toolkit project, for the ServerlessProject snippet.
      [`snippets/${i}/app/package.json`, JSON.stringify({ name: `readme-snippet-${i}`, dependencies: {} })],
      [`snippets/${i}/app/functions/hello.js`, HELLO],
    ]),
  );
  user = await makeUserProject({
    "Pulumi.yaml": PULUMI_YAML,
    "index.ts": PROGRAM,
    "tsconfig.json": JSON.stringify(TSCONFIG),
    "functions/hi.js": "exports.handler = (c, e, cb) => cb(null, 'hi');",
    "tsconfig.all.json": JSON.stringify({
      ...TSCONFIG,
      files: ["index.ts", ...SNIPPETS.map((_, i) => `snippets/${i}/index.ts`)],
    }),
    ...snippets,
  });
}, 180_000);
afterAll(() => {
  fs.rmSync(user.dir, { recursive: true, force: true });
});

/**
 * What tsc says of the user's program and of the README's snippets: one diagnostic per item, with
 * the lines that continue it. Both are checked in one run, as the libraries and the package's types
 * they share are most of the work.
 */
let diagnostics: Promise<string[]> | undefined;
function typeCheck(): Promise<string[]> {
  const tsc = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
  const args = [tsc, "-p", path.join(user.dir, "tsconfig.all.json"), "--noEmit", "--pretty", "false"];
  diagnostics ??= promisify(execFile)(process.execPath, args, { cwd: user.dir }).then(
    () => [],
    (err: unknown) => {
      const output = isBag(err) && typeof err.stdout === "string" && err.stdout !== "" ? err.stdout : String(err);
      return output.split(/\n(?=\S)/).filter((item) => item.trim() !== "");
    },
  );
  return diagnostics;
}

/** Diagnostics in the README's snippets, and the others: the program's, the package's types'. */
const inSnippets = (item: string): boolean => item.startsWith(`snippets${path.sep}`) || item.startsWith("snippets/");

describe("a user project with the package installed from its npm tarball", () => {
  let stack: Stack;
  const installed = (): string => path.join(user.dir, "node_modules", "pulumi-twilio-serverless");

  beforeAll(async () => {
    stack = await startStack({ project: user.dir });
  });
  afterAll(() => stack.stop());

  it("is a copy of the package, not a link to this repository", () => {
    expect(fs.lstatSync(installed()).isSymbolicLink()).toBe(false);
    expect(fs.existsSync(path.join(installed(), "provider"))).toBe(false);
    expect(fs.existsSync(path.join(installed(), "dist", "provider", "runtime.js"))).toBe(true);
  });

  it("packs and installs without warnings", () => {
    expect(user.warnings).not.toMatch(/warn/i);
  });

  it("ships the license its package.json names", () => {
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(installed(), "package.json"), "utf8"));
    expect(manifest).toMatchObject({ license: "Apache-2.0" });
    const license = fs.readFileSync(path.join(installed(), "LICENSE"), "utf8");
    expect(license).toMatch(/Apache License\s+Version 2\.0, January 2004/);
  });

  it("ships every source its source maps name", () => {
    const maps: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith(".map")) maps.push(full);
      }
    };
    walk(installed());
    expect(maps.length).toBeGreaterThan(0);
    const missing = maps.flatMap((file) => {
      const map: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
      if (!isBag(map) || !Array.isArray(map.sources)) return [`${file} names no sources`];
      const sources: unknown[] = map.sources;
      const contents: unknown[] = Array.isArray(map.sourcesContent) ? map.sourcesContent : [];
      return sources.filter(
        (source, i) =>
          typeof contents[i] !== "string" &&
          !(typeof source === "string" && fs.existsSync(path.resolve(path.dirname(file), source))),
      );
    });
    expect(missing).toEqual([]);
  });

  it("type-checks a program with Pulumi's template settings, exported types included", async () => {
    expect((await typeCheck()).filter((item) => !inSnippets(item))).toEqual([]);
  });

  it("runs the whole lifecycle with the provider loaded from the installed package", async () => {
    expect((await stack.up()).map((s) => s.op)).toEqual(["create"]);
    expect(stack.engine.state[0].outputs).toMatchObject({
      path: "/hi",
      visibility: "protected",
      contentHash: sha256(fs.readFileSync(path.join(user.dir, "functions", "hi.js"))),
    });
    expect((await stack.preview()).map((s) => s.op)).toEqual(["same"]);
    expect((await stack.engine.refresh()).map((s) => s.op)).toEqual(["refresh"]);
    expect((await stack.engine.destroy()).map((s) => s.op)).toEqual(["delete"]);
  });
});

describe("the README's TypeScript snippets, as written", () => {
  it("are every block that is not a shell session or program output", () => {
    // A TypeScript block tagged otherwise, or not at all, would escape the type-check below.
    expect(BLOCKS.filter((block) => !["ts", "typescript", "sh", "text"].includes(block.lang))).toEqual([]);
  });

  it("are whole programs: the component, the deploy chain and the data helpers", () => {
    for (const code of SNIPPETS) expect(code).toContain('from "pulumi-twilio-serverless"');
    const all = SNIPPETS.join("\n");
    for (const use of [
      /new ServerlessProject\(/,
      /new (twilio\.)?FunctionVersion\(/,
      /new (twilio\.)?Deployment\(/,
      /listFunctionVersionsOutput\(/,
      /getEnvironmentOutput\(/,
    ]) {
      expect(all).toMatch(use);
    }
  });

  it("type-check against the installed package", async () => {
    expect((await typeCheck()).filter(inSnippets)).toEqual([]);
  });

  test.each(SNIPPETS.map((_, i) => i))("snippet %i runs through pulumi up and destroy", async (i) => {
    const stack = await startStack({ project: path.join(user.dir, "snippets", String(i)) });
    try {
      // A function with a version and an environment already, as the programs reading them expect.
      stack.emulator.store.addEnvironment(stack.serviceSid, "dev", "dev");
      stack.emulator.store.addVersion({
        serviceSid: stack.serviceSid,
        functionSid: stack.functionSid,
        path: "/existing",
        visibility: "public",
        content: Buffer.from(HELLO),
      });
      await stack.up(stack.twilioConfig);
      expect(stack.emulator.requests.length).toBeGreaterThan(0);
      expect(stack.emulator.requests.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
      await stack.engine.destroy();
    } finally {
      await stack.stop();
    }
  });
});

let exampleProvider: Promise<unknown> | undefined;

/** The `__provider` the FunctionVersion example's program serializes into its resource. */
function serializedProvider(): Promise<unknown> {
  const project = loadProject(FUNCTION_EXAMPLE);
  const config = {
    [`${project.name}:serviceSid`]: `ZS${"1".repeat(32)}`,
    [`${project.name}:functionSid`]: `ZH${"2".repeat(32)}`,
  };
  exampleProvider ??= captureProgram({ project, config }).then(([resource]) => resource.inputs.__provider);
  return exampleProvider;
}

describe("a project without the package installed", () => {
  it("fails with Node's message naming the missing package", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "no-package-"));
    const elsewhere = await ProviderProcess.start({ cwd: project, project: "p" });
    try {
      await expect(elsewhere.check("urn:x", {}, { __provider: await serializedProvider() })).rejects.toMatchObject({
        details: expect.stringContaining("Cannot find module 'pulumi-twilio-serverless/runtime'"),
      });
    } finally {
      await elsewhere.stop();
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});

describe("a project whose installed runtime has another contract version", () => {
  /** A project whose node_modules holds a stand-in runtime declaring `api`, whose check passes. */
  function projectWithRuntime(api: number): string {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "runtime-api-"));
    const pkg = path.join(project, "node_modules", "pulumi-twilio-serverless");
    fs.mkdirSync(pkg, { recursive: true });
    fs.writeFileSync(
      path.join(pkg, "package.json"),
      JSON.stringify({ name: "pulumi-twilio-serverless", exports: { "./runtime": "./runtime.js" } }),
    );
    fs.writeFileSync(
      path.join(pkg, "runtime.js"),
      `exports.RUNTIME_API = ${api};\n` +
        "exports.configure = async () => {};\n" +
        "const check = async (olds, news) => ({ inputs: news, failures: [] });\n" +
        "exports.resources = { FunctionVersion: { check } };\n",
    );
    return project;
  }

  test.each([
    [1, "rejects", "upgrade pulumi-twilio-serverless in"],
    [3, "accepts", undefined],
  ] as const)("with API %i, the stored shell %s it", async (api, _verb, message) => {
    const project = projectWithRuntime(api);
    const plugin = await ProviderProcess.start({ cwd: project, project: "p" });
    try {
      const checking = plugin.check("urn:x", {}, { __provider: await serializedProvider() });
      if (message === undefined) await expect(checking).resolves.toMatchObject({ failures: [] });
      else await expect(checking).rejects.toMatchObject({ details: expect.stringContaining(message) });
    } finally {
      await plugin.stop();
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
