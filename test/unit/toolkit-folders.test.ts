import fs from "fs";
import os from "os";
import path from "path";
import { planProject } from "../../provider/serverless-project/project-plan";
import { ToolkitFolderOptions, readToolkitFolder } from "../../provider/serverless-project/toolkit-folder";
import { writeFiles } from "../files";

describe("functionsFolder and assetsFolder, as twilio-run deploy --functions-folder / --assets-folder take them", () => {
  let dir: string;
  const write = (files: Record<string, string>): void => {
    writeFiles(dir, files);
  };
  const refusal = (run: () => unknown): string => {
    try {
      run();
      return "accepted";
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolkit-folders-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads the named folders instead of functions/ and assets/, naming files from the project folder", () => {
    write({
      "functions/old.js": "1",
      "assets/old.txt": "2",
      "dist/functions/hello.js": "3",
      "dist/functions/hello.js.map": "{}",
      "dist/functions/sms/reply.protected.js": "4",
      "dist/assets/message.private.js": "5",
      "dist/assets/message.private.js.map": "{}",
    });
    const folder = readToolkitFolder(dir, { functionsFolder: "./dist/functions/", assetsFolder: "dist//assets" });
    expect([folder.functionsFolder, folder.assetsFolder]).toEqual(["dist/functions", "dist/assets"]);
    expect(folder.functions.map((f) => [f.shown, f.path, f.visibility])).toEqual([
      ["dist/functions/hello.js", "/hello", "public"],
      ["dist/functions/sms/reply.protected.js", "/sms/reply", "protected"],
    ]);
    expect(folder.functions[0].file).toBe(path.join(dir, "dist", "functions", "hello.js"));
    // A source map is no function, but an asset like any other file, public: as twilio-run has it.
    expect(folder.assets.map((f) => [f.shown, f.path, f.visibility])).toEqual([
      ["dist/assets/message.private.js", "/message.js", "private"],
      ["dist/assets/message.private.js.map", "/message.private.js.map", "public"],
    ]);
    expect(folder.skipped).toEqual(["dist/functions/hello.js.map skipped: only .js files are functions"]);
  });

  it("still finds the other folder by its default names when only one is named", () => {
    write({ "src/a.js": "1", "static/b.txt": "2", "build/c.js": "3", "public/d.txt": "4" });
    const functionsOnly = readToolkitFolder(dir, { functionsFolder: "build" });
    expect([functionsOnly.functionsFolder, functionsOnly.assetsFolder]).toEqual(["build", "static"]);
    const assetsOnly = readToolkitFolder(dir, { assetsFolder: "public" });
    expect([assetsOnly.functionsFolder, assetsOnly.assetsFolder]).toEqual(["src", "public"]);
  });

  it("takes the project folder itself and a folder beside it, as twilio-run joins them to it", () => {
    write({ "app/hello.js": "1", "app/package.json": "{}", "shared/logo.svg": "2" });
    const folder = readToolkitFolder(path.join(dir, "app"), { functionsFolder: ".", assetsFolder: "../shared" });
    expect(folder.functions.map((f) => [f.shown, f.path])).toEqual([["hello.js", "/hello"]]);
    expect(folder.assets.map((f) => [f.shown, f.path])).toEqual([["../shared/logo.svg", "/logo.svg"]]);
  });

  it("refuses a named folder that is not there, or not a folder, naming it, even when the default one exists", () => {
    write({ "functions/a.js": "1", "dist/assets": "a file" });
    expect(refusal(() => readToolkitFolder(dir, { functionsFolder: "dist/functions" }))).toBe(
      `functionsFolder "dist/functions": ${path.join(dir, "dist", "functions")} does not exist or is not a folder`,
    );
    expect(refusal(() => readToolkitFolder(dir, { assetsFolder: "dist/assets" }))).toBe(
      `assetsFolder "dist/assets": ${path.join(dir, "dist", "assets")} does not exist or is not a folder`,
    );
  });

  it("refuses an absolute path, which twilio-run would join to the project folder, and an empty name", () => {
    write({ "dist/functions/a.js": "1" });
    const absolute = path.join(dir, "dist", "functions");
    expect(refusal(() => readToolkitFolder(dir, { functionsFolder: absolute }))).toBe(
      `functionsFolder "${absolute}" must be a path from directory (${dir}), not an absolute one`,
    );
    expect(refusal(() => readToolkitFolder(dir, { assetsFolder: " " }))).toBe("assetsFolder must be a folder name");
    // As a JavaScript program may give it.
    const numbered = Object.assign<ToolkitFolderOptions, Record<string, unknown>>({}, { functionsFolder: 3 });
    expect(refusal(() => readToolkitFolder(dir, numbered))).toBe("functionsFolder must be a folder name");
  });
});

describe("planProject with functionsFolder and assetsFolder", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolkit-plan-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each(["functionsFolder", "assetsFolder"])("refuses %s without directory", (option) => {
    expect(() => planProject({ [option]: "dist", functions: [{ path: "/x", content: "x" }] }, "dev")).toThrow(
      new Error(`${option} is a folder of directory, which is not given`),
    );
  });

  it("names the folders it read when they hold nothing to deploy", () => {
    fs.mkdirSync(path.join(dir, "dist", "functions"), { recursive: true });
    fs.writeFileSync(path.join(dir, "dist", "functions", "hello.js.map"), "{}");
    expect(() => planProject({ directory: dir, uniqueName: "x", functionsFolder: "dist/functions" }, "dev")).toThrow(
      new Error(
        `${dir} has no functions (dist/functions/) and no assets (assets/ or static/); Twilio refuses a build without any (20001)`,
      ),
    );
  });

  it("plans the named folders' files with where they came from", () => {
    fs.mkdirSync(path.join(dir, "dist", "functions"), { recursive: true });
    fs.writeFileSync(path.join(dir, "dist", "functions", "hello.js"), "x");
    const plan = planProject({ directory: dir, uniqueName: "x", functionsFolder: "dist/functions" }, "dev");
    expect(plan.functions.map((f) => [f.path, f.source])).toEqual([["/hello", "dist/functions/hello.js"]]);
  });
});
