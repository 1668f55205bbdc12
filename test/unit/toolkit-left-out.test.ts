import fs from "fs";
import os from "os";
import path from "path";
import { leftOutReason } from "../../provider/serverless-project/left-out";
import { readToolkitFolder } from "../../provider/serverless-project/toolkit-folder";
import { writeFiles } from "../files";

const SECRETS = "a .env file may hold secrets (name it as envFile to deploy its values as Variables)";
const VCS = "version control data is never deployed";
const MODULES = "Twilio installs the Build's dependencies itself";
const SYSTEM = "a file the operating system leaves behind";
const EDITOR = "an editor's swap, backup or lock file";

describe("readToolkitFolder: secrets and litter left out, every other hidden file deployed", () => {
  let dir: string;
  const write = (files: Record<string, string>): void => {
    writeFiles(dir, files);
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolkit-left-out-"));
    write({ "functions/hello.js": "1", "assets/index.html": "2" });
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    ["assets/.env", SECRETS],
    ["assets/.env.local", SECRETS],
    ["assets/config/.env.production", SECRETS],
    ["functions/.env", SECRETS],
    ["assets/.DS_Store", SYSTEM],
    ["assets/img/Thumbs.db", SYSTEM],
    ["assets/thumbs.db", SYSTEM],
    ["assets/desktop.ini", SYSTEM],
    ["assets/Desktop.ini", SYSTEM],
    ["assets/.index.html.swp", EDITOR],
    ["functions/.hello.js.swo", EDITOR],
    ["functions/hello.js~", EDITOR],
    ["assets/index.html~", EDITOR],
    ["functions/#hello.js#", EDITOR],
    ["functions/.#hello.js", EDITOR],
  ])("leaves out %s, with one log line saying why", (file, why) => {
    write({ [file]: "x" });
    const folder = readToolkitFolder(dir);
    expect([...folder.functions, ...folder.assets].map((f) => f.shown)).toEqual([
      "functions/hello.js",
      "assets/index.html",
    ]);
    expect(folder.skipped).toEqual([`${file} skipped: ${why}`]);
  });

  test.each([
    ["assets/.git", VCS],
    ["functions/.git", VCS],
    ["assets/.svn", VCS],
    ["assets/.hg", VCS],
    ["assets/.bzr", VCS],
    ["functions/node_modules", MODULES],
    ["assets/vendor/node_modules", MODULES],
  ])("leaves out the folder %s/ with one log line for all it holds, never reading it", (folder, why) => {
    write({ [`${folder}/a.js`]: "x", [`${folder}/deep/b.js`]: "y" });
    // A link to nothing inside would be refused if the folder were walked.
    fs.symlinkSync("nowhere", path.join(dir, folder, "dangling.js"));
    const read = readToolkitFolder(dir);
    expect([...read.functions, ...read.assets].map((f) => f.shown)).toEqual([
      "functions/hello.js",
      "assets/index.html",
    ]);
    expect(read.skipped).toEqual([`${folder}/ skipped: ${why}`]);
  });

  it("leaves out a .git file (a worktree's or a submodule's pointer) as well as a .git folder", () => {
    write({ "assets/.git": "gitdir: ../.git/worktrees/app\n" });
    expect(readToolkitFolder(dir).skipped).toEqual([`assets/.git skipped: ${VCS}`]);
  });

  it("deploys every other hidden file or folder, as twilio-run does: .well-known/, .htaccess, a hidden function", () => {
    write({
      "assets/.well-known/assetlinks.json": "[]",
      "assets/.well-known/apple-app-site-association": "{}",
      "assets/.htaccess": "Options -Indexes",
      "assets/.gitkeep": "",
      "assets/.environment.txt": "not a dotenv file",
      "assets/env.txt": "not one either",
      "assets/flash.swf": "not a swap file",
      "assets/node_modules.txt": "not the folder",
      "functions/.hidden.js": "3",
    });
    const folder = readToolkitFolder(dir);
    expect(folder.skipped).toEqual([]);
    expect(folder.functions.map((f) => [f.path, f.visibility])).toEqual([
      ["/.hidden", "public"],
      ["/hello", "public"],
    ]);
    expect(folder.assets.map((f) => f.path)).toEqual([
      "/.environment.txt",
      "/.gitkeep",
      "/.htaccess",
      "/.well-known/apple-app-site-association",
      "/.well-known/assetlinks.json",
      "/env.txt",
      "/flash.swf",
      "/index.html",
      "/node_modules.txt",
    ]);
  });

  it("logs one line per file or folder left out, in the order the folders are walked", () => {
    write({
      "functions/.env": "A=1",
      "functions/notes.md": "not a function",
      "functions/node_modules/x/index.js": "x",
      "assets/.DS_Store": "x",
      "assets/.git/HEAD": "x",
      "assets/.git/objects/ab/cdef": "x",
      "assets/css/site.css~": "x",
    });
    expect(readToolkitFolder(dir).skipped).toEqual([
      `functions/.env skipped: ${SECRETS}`,
      `functions/node_modules/ skipped: ${MODULES}`,
      "functions/notes.md skipped: only .js files are functions",
      `assets/.DS_Store skipped: ${SYSTEM}`,
      `assets/.git/ skipped: ${VCS}`,
      `assets/css/site.css~ skipped: ${EDITOR}`,
    ]);
  });
});

describe("leftOutReason", () => {
  test.each(["env", ".environment", "my.env", ".gitignore", ".github", "swap.css", "a~b", "#tag", ".well-known"])(
    "deploys %s",
    (name) => {
      expect(leftOutReason(name)).toBeUndefined();
    },
  );
});
