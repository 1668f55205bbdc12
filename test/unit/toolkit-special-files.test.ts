import { execFileSync } from "child_process";
import fs from "fs";
import net from "net";
import os from "os";
import path from "path";
import { readToolkitFolder } from "../../provider/serverless-project/toolkit-folder";
import { writeFiles } from "../files";

describe("readToolkitFolder: links and special files", () => {
  let dir: string;
  const write = (files: Record<string, string>): void => {
    writeFiles(dir, files);
  };
  const link = (target: string, at: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, at)), { recursive: true });
    fs.symlinkSync(target, path.join(dir, at));
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolkit-links-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("deploys a link to a file or a folder as what it points to", () => {
    write({ "shared/util.js": "1", "shared/lib/x.js": "22" });
    link("../shared/util.js", "functions/util.js");
    link("../shared/lib", "functions/lib");
    const folder = readToolkitFolder(dir);
    expect(folder.functions.map((f) => [f.path, f.size])).toEqual([
      ["/lib/x", 2],
      ["/util", 1],
    ]);
  });

  it("names a link to nothing as such, instead of a bare ENOENT", () => {
    write({ "functions/ok.js": "1" });
    link("gone.js", "functions/x.js");
    expect(() => readToolkitFolder(dir)).toThrow(
      /^functions\/x\.js is a symbolic link to gone\.js, which does not exist$/,
    );
  });

  it("names a hidden link to nothing that is no editor's file as a link to nothing too", () => {
    write({ "assets/style.css": "1" });
    link("../shared/.htaccess", "assets/.htaccess");
    expect(() => readToolkitFolder(dir)).toThrow(
      /^assets\/\.htaccess is a symbolic link to \.\.\/shared\/\.htaccess, which does not exist$/,
    );
  });

  it("names a loop of links as a loop", () => {
    link("b.js", "functions/a.js");
    link("a.js", "functions/b.js");
    expect(() => readToolkitFolder(dir)).toThrow(
      /^functions\/a\.js is a symbolic link to b\.js, which leads back to itself: a loop \(ELOOP\)$/,
    );
  });

  it("names a link to a folder that holds it as a loop, instead of walking it until the path is too long", () => {
    write({ "functions/nested/ok.js": "1" });
    link("..", "functions/nested/up");
    expect(() => readToolkitFolder(dir)).toThrow(
      /^functions\/nested\/up is a symbolic link to \.\., a folder that holds it: a loop$/,
    );
  });

  it("skips an editor's lock file, a link to nothing, by its name, without an error", () => {
    write({ "functions/hello.js": "1" });
    link("user@host.1234:1700000000", "functions/.#hello.js");
    const folder = readToolkitFolder(dir);
    expect(folder.functions.map((f) => f.path)).toEqual(["/hello"]);
    expect(folder.skipped).toEqual(["functions/.#hello.js skipped: an editor's swap, backup or lock file"]);
  });

  it("skips FIFOs and sockets with a log line each, in name order, instead of hanging on or dropping them", async () => {
    write({ "functions/hello.js": "1", "assets/style.css": "2" });
    // Created out of order: the log lines still come in name order, as Node lists a folder.
    const pipes = ["p5", "p2", "p7", "p0", "p3", "p6", "p1", "p4"].map((p) => `${p}.js`);
    for (const pipe of pipes) execFileSync("mkfifo", [path.join(dir, "functions", pipe)]);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, "assets", "app.sock"), resolve));
    link("../functions/p0.js", "assets/pipe-link");
    try {
      const folder = readToolkitFolder(dir);
      expect(folder.functions.map((f) => f.path)).toEqual(["/hello"]);
      expect(folder.assets.map((f) => f.path)).toEqual(["/style.css"]);
      expect(folder.skipped).toEqual([
        ...[...pipes]
          .sort()
          .map((p) => `functions/${p} skipped: a FIFO (named pipe) is not a file that can be uploaded`),
        "assets/app.sock skipped: a socket is not a file that can be uploaded",
        "assets/pipe-link skipped: a FIFO (named pipe) is not a file that can be uploaded",
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
