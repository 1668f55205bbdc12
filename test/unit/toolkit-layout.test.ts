import { fsHelpers } from "@twilio-labs/serverless-api";
import fs from "fs";
import os from "os";
import path from "path";
import { parseEnvFile } from "../../provider/serverless-project/env-file";
import { readToolkitFolder } from "../../provider/serverless-project/toolkit-folder";
import { toolkitRoute } from "../../provider/serverless-project/toolkit-paths";
import { writeFiles } from "../files";

describe("toolkitRoute: where twilio-run serves a file", () => {
  test.each([
    ["hello.js", ".js", "/hello", "public"],
    ["admin.protected.js", ".js", "/admin", "protected"],
    ["internal.private.js", ".js", "/internal", "private"],
    ["sms/reply.js", ".js", "/sms/reply", "public"],
    ["sms\\reply.protected.js", ".js", "/sms/reply", "protected"],
    ["my folder/deep thing.js", ".js", "/my-folder/deep-thing", "public"],
    ["logo.private.png", undefined, "/logo.png", "private"],
    ["css/site.protected.css", undefined, "/css/site.css", "protected"],
    ["script.js", undefined, "/script.js", "public"],
    ["index.html", undefined, "/index.html", "public"],
    ["notes.private", undefined, "/notes.private", "public"],
    ["archive.tar.gz", undefined, "/archive.tar.gz", "public"],
    ["foo.public.js", ".js", "/foo", "public"],
    ["file.public.txt", undefined, "/file.txt", "public"],
    ["my.publication.js", ".js", "/my.publication", "public"],
  ])("%s (dropping %s) → %s", (file, drop, expectedPath, visibility) => {
    expect(toolkitRoute(file, drop)).toEqual({ path: expectedPath, visibility });
  });
});

describe("toolkitRoute against twilio-run's own rule (@twilio-labs/serverless-api)", () => {
  test.each([
    "hello.js",
    "sms/reply.protected.js",
    "deep/er/x.private.js",
    "my folder/deep thing.js",
    "foo.public.js",
    "a.b.c.js",
    "logo.private.png",
    "file.public.txt",
    "css/site.protected.css",
    "script.js",
    "no-extension",
  ])("%s: the same path and visibility, as a function and as an asset", (file) => {
    for (const drop of [".js", undefined]) {
      const theirs = fsHelpers.getPathAndAccessFromFileInfo({ name: file, path: `/project/${file}` }, drop);
      expect(toolkitRoute(file, drop)).toEqual({ path: theirs.path, visibility: theirs.access });
    }
  });
});

describe("parseEnvFile", () => {
  const parse = (text: string): Record<string, string> => parseEnvFile(text, ".env");

  it("reads KEY=value lines, comments, export and blank lines", () => {
    expect(parse("# comment\n\nA=1\nexport B = two words \nC=x # trailing\nD=\nE=a#b\n")).toEqual({
      A: "1",
      B: "two words",
      C: "x",
      D: "",
      E: "a#b",
    });
  });

  it("reads quoted values, double quotes with escapes, over several lines", () => {
    expect(parse('A="line\\none"\nB=\'no \\n escape\'\nC=`tick`\nD="first\nsecond"\nE=" spaced " # c\r\n')).toEqual({
      A: "line\none",
      B: "no \\n escape",
      C: "tick",
      D: "first\nsecond",
      E: " spaced ",
    });
  });

  it("refuses what is not KEY=value, naming the line but never showing its text", () => {
    const refusal = (text: string): string => {
      try {
        parse(text);
        return "parsed";
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
    };
    expect(refusal("A=1\nsecret-material-no-equals")).toBe(
      ".env:2: expected KEY=value (the line is not shown: it may hold a secret)",
    );
    expect(refusal('A="open secret')).toBe('.env:1: the value of A opens a " quote that is never closed');
    expect(refusal('A="x" secret-tail')).toBe(".env:1: unexpected text after the quoted value of A");
  });
});

describe("readToolkitFolder", () => {
  let dir: string;
  const write = (files: Record<string, string>): void => {
    writeFiles(dir, files);
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolkit-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("takes functions/ over src/ and assets/ over static/, and says why each file left out was left out", () => {
    write({
      "functions/a.js": "1",
      "src/ignored.js": "2",
      "assets/.DS_Store": "3",
      "assets/.well-known/x.txt": "4",
      "assets/b.txt": "55",
      "static/ignored.txt": "6",
      "functions/notes.md": "7",
    });
    const folder = readToolkitFolder(dir);
    expect(folder.functionsFolder).toBe("functions");
    expect(folder.assetsFolder).toBe("assets");
    expect(folder.functions.map((f) => [f.path, f.shown, f.size])).toEqual([["/a", "functions/a.js", 1]]);
    expect(folder.assets.map((f) => [f.path, f.shown, f.size])).toEqual([
      ["/.well-known/x.txt", "assets/.well-known/x.txt", 1],
      ["/b.txt", "assets/b.txt", 2],
    ]);
    expect(folder.skipped).toEqual([
      "functions/notes.md skipped: only .js files are functions",
      "assets/.DS_Store skipped: a file the operating system leaves behind",
    ]);
  });

  it("falls back to src/ and static/, and reads package.json's name and dependencies", () => {
    write({
      "src/a.js": "1",
      "static/b.css": "2",
      "package.json": JSON.stringify({ name: "app", dependencies: { x: "", y: "^1" }, devDependencies: { z: "1" } }),
    });
    const folder = readToolkitFolder(dir);
    expect([folder.functionsFolder, folder.assetsFolder]).toEqual(["src", "static"]);
    expect(folder.packageName).toBe("app");
    expect(folder.dependencies).toEqual({ x: "*", y: "^1" });
  });

  it("refuses a package.json whose dependencies are not versions", () => {
    write({ "package.json": JSON.stringify({ name: "app", dependencies: { x: 1 } }) });
    expect(() => readToolkitFolder(dir)).toThrow('the version of dependency "x" must be a string');
  });
});
