import fs from "fs";
import os from "os";
import path from "path";
import { Mapped, moved, ours, routes, theirs, writeFiles as write } from "../toolkit/mapping";

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "toolkit");

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "toolkit-api-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A copy of a fixture to change, in the scratch folder. */
function copyOf(fixture: string, as: string): string {
  const dir = path.join(tmp, as);
  fs.cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

describe("the component's mapping of the committed Toolkit folders, against serverless-api's", () => {
  test.each([
    [
      "javascript",
      ["public /hello-world", "public /private-message", "protected /sms/reply"],
      ["public /index.html", "private /note.js", "public /style.css"],
    ],
    [
      "app-links",
      ["public /registration-options"],
      ["public /.well-known/apple-app-site-association", "public /.well-known/assetlinks.json", "public /index.html"],
    ],
    [
      "nested",
      [
        "public /api/v1/status",
        "protected /api/v1/users/remove",
        "public /api/v1/users/list",
        "private /lib/date-format",
        "private /lib/reply",
        "protected /webhooks/sms/incoming",
      ],
      [
        "protected /css/admin.css",
        "public /css/site.css",
        "private /data/users.json",
        "public /docs/getting-started.md",
        "public /docs/release-notes.txt",
        "public /favicon.ico",
        "public /images/logo.svg",
      ],
    ],
    [
      "src-static",
      ["private /helpers", "public /voice/choice", "public /voice/menu"],
      ["public /.htaccess", "public /audio/greeting.mp3", "public /robots.txt"],
    ],
  ])("%s: the same paths, visibilities and files", async (fixture, functions, assets) => {
    const dir = path.join(FIXTURES, fixture);
    const mine = ours(dir);
    expect(mine).toEqual(await theirs(dir));
    expect(routes(mine.functions).sort()).toEqual([...functions].sort());
    expect(routes(mine.assets).sort()).toEqual([...assets].sort());
  });

  it("refuses a named folder that is not there, where serverless-api deploys nothing from it without a word", async () => {
    const dir = path.join(FIXTURES, "javascript");
    expect((await theirs(dir, { functionsFolder: "dist/functions" })).functions).toEqual([]);
    expect(() => ours(dir, { functionsFolder: "dist/functions" })).toThrow(
      `functionsFolder "dist/functions": ${path.join(dir, "dist", "functions")} does not exist or is not a folder`,
    );
    expect((await theirs(dir, { assetsFolder: "public" })).assets).toEqual([]);
    expect(() => ours(dir, { assetsFolder: "public" })).toThrow(/^assetsFolder "public": .* does not exist/);
  });

  it("differs only by the secrets and litter it leaves out on purpose, which serverless-api uploads", async () => {
    const dir = copyOf("javascript", "littered");
    write(dir, {
      "assets/.env": "SECRET=1",
      "assets/.env.production": "SECRET=2",
      "assets/.git/HEAD": "ref: refs/heads/main\n",
      "assets/.git/config": "[core]\n",
      "assets/.svn/entries": "12\n",
      "assets/.hg/requires": "store\n",
      "assets/.bzr/README": "bzr\n",
      "assets/Thumbs.db": "x",
      "assets/desktop.ini": "x",
      "assets/.DS_Store": "x",
      "assets/.index.html.swp": "x",
      "assets/.index.html.swo": "x",
      "assets/index.html~": "x",
      "assets/node_modules/normalize.css/normalize.css": "html {}",
      "functions/node_modules/left-pad/index.js": "module.exports = () => {};",
      "functions/.git/hooks/pre-commit.js": "x",
      "functions/.env": "SECRET=3",
    });
    const mine = ours(dir);
    const toolkit = await theirs(dir);
    const leftOut = (all: Mapped[], kept: Mapped[]): string[] =>
      routes(all.filter((m) => !kept.some((k) => k.path === m.path)));
    // What twilio-run would upload and the component leaves out: every other file maps alike.
    expect(leftOut(toolkit.functions, mine.functions)).toEqual([
      "public /.git/hooks/pre-commit",
      "public /node_modules/left-pad/index",
    ]);
    expect(leftOut(toolkit.assets, mine.assets)).toEqual([
      "public /.bzr/README",
      "public /.env",
      "public /.env.production",
      "public /.git/HEAD",
      "public /.git/config",
      "public /.hg/requires",
      "public /.index.html.swo",
      "public /.index.html.swp",
      "public /.svn/entries",
      "public /Thumbs.db",
      "public /desktop.ini",
      "public /index.html~",
      "public /node_modules/normalize.css/normalize.css",
    ]);
    // With its litter, the copy deploys what the clean fixture deploys.
    expect(mine).toEqual(moved(ours(path.join(FIXTURES, "javascript")), path.join(FIXTURES, "javascript"), dir));
    expect(toolkit.functions.filter((m) => mine.functions.some((k) => k.path === m.path))).toEqual(mine.functions);
    expect(toolkit.assets.filter((m) => mine.assets.some((k) => k.path === m.path))).toEqual(mine.assets);
  });
});
