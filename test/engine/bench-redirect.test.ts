import { execFile } from "child_process";
import fs from "fs";
import http from "http";
import os from "os";
import path from "path";
import { promisify } from "util";
import { isBag } from "../../provider/model/wire";
import { REPO } from "./fixture";

const run = promisify(execFile);
const REDIRECT = path.join(REPO, "bench", "lib", "loopback-redirect.js");

// Preloaded before the redirect, under it: a socket to anywhere but loopback is reported (exit 42)
// instead of opened, so that a broken redirect shows in the test without sending anything.
const NO_NETWORK = [
  '"use strict";',
  'const net = require("net");',
  "const connect = net.Socket.prototype.connect;",
  "net.Socket.prototype.connect = function (...args) {",
  "  const first = Array.isArray(args[0]) ? args[0][0] : args[0];",
  "  const options = typeof first === 'object' ? first : { host: typeof args[1] === 'string' ? args[1] : undefined };",
  "  if (options.path === undefined && !/^(127\\.|localhost$|::1$)/.test(String(options.host ?? 'localhost'))) {",
  "    process.stderr.write(`connected to ${options.host}\\n`);",
  "    process.exit(42);",
  "  }",
  "  return connect.apply(this, args);",
  "};",
].join("\n");

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  body: string;
}

/** A local server recording the requests it receives. */
async function recorder(): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const entry: Seen = { method: req.method, url: req.url, authorization: req.headers.authorization, body: "" };
    seen.push(entry);
    req.on("data", (chunk: Buffer) => {
      entry.body += chunk.toString();
    });
    req.on("end", () => {
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

let tmp: string;
let api: Awaited<ReturnType<typeof recorder>>;
let upload: Awaited<ReturnType<typeof recorder>>;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "redirect-"));
  fs.writeFileSync(path.join(tmp, "no-network.js"), NO_NETWORK);
  api = await recorder();
  upload = await recorder();
});
afterAll(async () => {
  await api.close();
  await upload.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs `code` under the redirect; resolves with its exit code and output. */
async function redirected(code: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = ["--require", path.join(tmp, "no-network.js"), "--require", REDIRECT, "-e", code];
  const env = { PATH: process.env.PATH, BENCH_TWILIO_API: api.url, BENCH_TWILIO_UPLOAD: upload.url };
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: REPO, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    // execFile's error for a non-zero exit carries the code and the output.
    if (!isBag(err)) throw err;
    return { code: Number(err.code), stdout: String(err.stdout), stderr: String(err.stderr) };
  }
}

describe("the benchmark's redirect of twilio-run", () => {
  it("sends Twilio's Serverless hosts to the emulator's, with path, query, method, body and credentials", async () => {
    const result = await redirected(
      [
        'const got = require("got");',
        "(async () => {",
        '  const listed = await got("https://serverless.twilio.com/v1/Services?PageSize=5", { username: "AC1", password: "token" }).json();',
        '  const uploaded = await got.post("https://serverless-upload.twilio.com/v1/Services/ZS1/Functions/ZH1/Versions", { username: "AC1", password: "token", body: "content" }).json();',
        "  console.log(JSON.stringify([listed, uploaded]));",
        "})();",
      ].join("\n"),
    );
    expect(result).toMatchObject({ code: 0, stdout: '[{"ok":true},{"ok":true}]\n' });
    const basic = `Basic ${Buffer.from("AC1:token").toString("base64")}`;
    expect(api.seen).toEqual([{ method: "GET", url: "/v1/Services?PageSize=5", authorization: basic, body: "" }]);
    expect(upload.seen).toEqual([
      { method: "POST", url: "/v1/Services/ZS1/Functions/ZH1/Versions", authorization: basic, body: "content" },
    ]);
  });

  it.each([
    ["HTTPS to any other host", 'require("https").get("https://api.example.com/")', "https://api.example.com"],
    ["plain HTTP to any other host", 'require("http").get({ host: "example.com", path: "/" })', "http://example.com"],
    ["a bare socket to an address off loopback", 'require("net").connect(443, "192.0.2.1")', "a socket to 192.0.2.1"],
    [
      "a socket connected by port and host",
      'new (require("net").Socket)().connect(443, "192.0.2.1")',
      "a socket to 192.0.2.1",
    ],
  ])("stops the process at %s, before anything is sent", async (_label, code, named) => {
    const result = await redirected(code);
    expect(result.code).toBe(97);
    expect(result.stderr).toContain(`refused ${named}`);
  });
});
