// `npm test`: the whole gate CI runs. The build comes first, since the engine tests run the
// compiled package; then jest, with its arguments (`npm test -- --json …`), while the type check,
// eslint and prettier run beside it at the lowest CPU priority.
//
// Why beside and low: jest keeps both cores mostly busy, but an engine test waiting on its plugin,
// program or emulator leaves some of them idle, and the checks fill that time instead of adding a
// minute after jest. At the lowest priority they take no CPU an engine test wants, so they cannot
// slow a test past its timeouts. Their output is held back and printed whole once each ends.
//
// usage: node tools/test.js [jest arguments]; exits non-zero when any step fails.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");

/** The JavaScript file a package's command runs, from its package.json (`.bin` holds shell shims on Windows). */
function bin(pkg, name) {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", pkg, "package.json"), "utf8"));
  const relative = typeof manifest.bin === "string" ? manifest.bin : manifest.bin[name];
  return path.join(ROOT, "node_modules", pkg, relative);
}

/** Runs `command ...args`; resolves with its exit code (1 when it could not start or was killed). */
function run(command, args, { quiet = false, low = false } = {}) {
  const child = spawn(command, args, {
    cwd: ROOT,
    // npm is a .cmd file on Windows, which only a shell runs.
    shell: command === "npm" && process.platform === "win32",
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  if (low) {
    try {
      os.setPriority(child.pid, os.constants.priority.PRIORITY_LOW);
    } catch {
      // A system that refuses only leaves the check at normal priority.
    }
  }
  let output = "";
  if (quiet) {
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
  }
  return new Promise((resolve) => {
    child.on("error", (err) => {
      output += `${err.message}\n`;
      resolve({ code: 1, output });
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** A check run beside jest: printed whole, under its name, once it ends. */
async function check(name, file, args) {
  const started = Date.now();
  const { code, output } = await run(process.execPath, [file, ...args], { quiet: true, low: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`\n> ${name}: ${code === 0 ? "passed" : `failed (exit ${code})`} in ${seconds} s\n${output}`);
  return code;
}

/** `npm run build`, with the npm that runs this script when there is one. */
function build() {
  const npm = process.env.npm_execpath;
  return npm === undefined ? run("npm", ["run", "build"]) : run(process.execPath, [npm, "run", "build"]);
}

async function main() {
  // The checks read neither dist/ nor what the build writes: they start at once, and take the core
  // the build (one tsc) leaves.
  const checks = [
    check("typecheck", bin("typescript", "tsc"), ["-p", "tsconfig.json"]),
    check("eslint", bin("eslint", "eslint"), ["."]),
    check("prettier", bin("prettier"), ["--check", "."]),
  ];
  const built = (await build()).code;
  const jest =
    built === 0 ? (await run(process.execPath, [bin("jest", "jest"), ...process.argv.slice(2)])).code : built;
  const codes = [jest, ...(await Promise.all(checks))];
  process.exitCode = codes.find((code) => code !== 0) ?? 0;
}

void main();
