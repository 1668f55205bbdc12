import { execFile } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import { captureProgram } from "./capture";
import { REPO } from "./fixture";
import { loadProject } from "./project";

// The helpers the engine tests preload into their program and plugin processes change how fast
// those load, never what they do: these tests hold them to that.

const run = promisify(execFile);
const COMPILE_CACHE = path.join(__dirname, "compile-cache.js");
const LAZY_SDK = path.join(__dirname, "lazy-sdk.js");
const PROGRAM_DIR = path.join(__dirname, "programs", "serverless-project");

// What a process sees of the SDK: how many of the closure serializer's libraries and the Automation
// API are loaded once the SDK is, then a serialized function, the code paths of the program
// directory, and the Automation API.
const PROBE = `
  const loaded = () => Object.keys(require.cache).filter((file) => /[\\\\/](typescript[\\\\/]lib[\\\\/]typescript|@npmcli[\\\\/]arborist[\\\\/]lib[\\\\/]index|@pulumi[\\\\/]pulumi[\\\\/]automation[\\\\/]index)\\.js$/.test(file)).length;
  const pulumi = require("@pulumi/pulumi");
  const atLoad = loaded();
  const greeting = "hello";
  (async () => {
    const serialized = await pulumi.runtime.serializeFunction(() => greeting.toUpperCase());
    const paths = await pulumi.runtime.computeCodePaths({ extraIncludePackages: ["@pulumi/pulumi"] });
    const automation = typeof pulumi.automation.LocalWorkspace.create;
    console.log(JSON.stringify({ atLoad, afterUse: loaded(), text: serialized.text, paths: [...paths.keys()].sort(), automation }));
  })();
`;

async function probe(
  preloads: string[],
): Promise<{ atLoad: number; afterUse: number; text: string; paths: string[]; automation: string }> {
  const requires = preloads.flatMap((file) => ["--require", file]);
  const { stdout } = await run(process.execPath, [...requires, "--no-deprecation", "--no-warnings", "-e", PROBE], {
    cwd: PROGRAM_DIR,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as { atLoad: number; afterUse: number; text: string; paths: string[]; automation: string };
}

describe("lazy-sdk.js", () => {
  it("loads the SDK without TypeScript, Arborist or the Automation API, which work as without it when used", async () => {
    const plain = await probe([]);
    const helped = await probe([COMPILE_CACHE, LAZY_SDK]);
    expect(plain.atLoad).toBe(3);
    expect(helped.atLoad).toBe(0);
    expect(helped.afterUse).toBe(3);
    expect(helped.automation).toBe("function");
    expect(helped.text).toContain("toUpperCase");
    expect(helped.text).toBe(plain.text);
    expect(helped.paths.length).toBeGreaterThan(10);
    expect(helped.paths).toEqual(plain.paths);
  });
});

describe("the program's transpiled files", () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "test-helpers-"));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("are kept between runs by content: an edited program runs as edited", async () => {
    const dir = path.join(tmp, "program");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: edited\nruntime: nodejs\n");
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
    const write = (name: string): void => {
      fs.writeFileSync(
        path.join(dir, "index.ts"),
        `import * as pulumi from "@pulumi/pulumi";\nnew pulumi.ComponentResource("test:Thing", ${JSON.stringify(name)});\n`,
      );
    };
    const names = async (): Promise<string[]> =>
      (await captureProgram({ project: loadProject(dir) })).map((resource) => resource.name);
    write("first");
    expect(await names()).toEqual(["first"]);
    write("second");
    expect(await names()).toEqual(["second"]);
  });
});
