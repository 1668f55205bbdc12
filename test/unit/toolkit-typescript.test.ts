import fs from "fs";
import os from "os";
import path from "path";
import { ours, routes, theirs, writeFiles as write } from "../toolkit/mapping";
import { BUILT_FOLDERS, buildTypeScriptProject } from "../toolkit/typescript-build";

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "toolkit");
const EXAMPLE_APP = path.resolve(__dirname, "..", "..", "examples", "typescript-project", "app");

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "toolkit-ts-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("TypeScript Toolkit projects built by their own scripts, against serverless-api's mapping", () => {
  describe("the TypeScript project, built as its package.json builds it", () => {
    let dir: string;
    beforeAll(() => {
      dir = path.join(tmp, "typescript");
      fs.cpSync(path.join(FIXTURES, "typescript"), dir, { recursive: true });
      buildTypeScriptProject(dir);
    });

    it("deploys what twilio-run deploy --functions-folder dist/functions --assets-folder dist/assets deploys", async () => {
      const mine = ours(dir, BUILT_FOLDERS);
      expect(mine).toEqual(await theirs(dir, BUILT_FOLDERS));
      expect(routes(mine.functions)).toEqual(["public /quote", "protected /status", "public /voice/welcome"]);
      // tsc's .js.map files: not functions (only .js files are), but assets like any other file,
      // public whatever the marker of the file they map, as twilio-run uploads them.
      expect(fs.existsSync(path.join(dir, "dist", "functions", "quote.js.map"))).toBe(true);
      expect(routes(mine.assets)).toEqual([
        "public /img/logo.svg",
        "public /index.html",
        "private /quotes.js",
        "public /quotes.private.js.map",
        "public /style.css",
      ]);
      expect(mine.functions.find((f) => f.path === "/quote")?.file).toBe(
        path.join(dir, "dist", "functions", "quote.js"),
      );
    });

    it("finds the other folder by its default names when only one is named, as twilio-run does", async () => {
      write(dir, { "assets/robots.txt": "User-agent: *", "static/ignored.txt": "x", "functions/old.js": "x" });
      const onlyFunctions = { functionsFolder: "dist/functions" };
      const mine = ours(dir, onlyFunctions);
      expect(mine).toEqual(await theirs(dir, onlyFunctions));
      expect(routes(mine.assets)).toEqual(["public /robots.txt"]);
      const onlyAssets = { assetsFolder: "dist/assets" };
      const other = ours(dir, onlyAssets);
      expect(other).toEqual(await theirs(dir, onlyAssets));
      expect(routes(other.functions)).toEqual(["public /old"]);
    });

    it("without the folders named, finds src/ (which holds no .js) as twilio-run does, and no assets", async () => {
      fs.rmSync(path.join(dir, "assets"), { recursive: true });
      fs.rmSync(path.join(dir, "static"), { recursive: true });
      fs.rmSync(path.join(dir, "functions"), { recursive: true });
      const mine = ours(dir);
      expect(mine).toEqual(await theirs(dir));
      expect(mine).toEqual({ functions: [], assets: [] });
    });
  });

  it("the TypeScript example's app, built by its own scripts, deploys as twilio-run deploys it", async () => {
    const dir = path.join(tmp, "example-app");
    // A build or an install already made in the example is left behind: this one starts clean.
    fs.cpSync(EXAMPLE_APP, dir, {
      recursive: true,
      filter: (source) => !["dist", "node_modules"].includes(path.relative(EXAMPLE_APP, source)),
    });
    buildTypeScriptProject(dir);
    const mine = ours(dir, BUILT_FOLDERS);
    expect(mine).toEqual(await theirs(dir, BUILT_FOLDERS));
    expect(routes(mine.functions)).toEqual(["public /hello-world"]);
    expect(routes(mine.assets)).toEqual(["public /index.html"]);
    // Its types are referenced, not imported, so that the Build needs no dependency for them.
    expect(fs.readFileSync(path.join(dir, "dist", "functions", "hello-world.js"), "utf8")).not.toMatch(/require\(/);
  });
});
