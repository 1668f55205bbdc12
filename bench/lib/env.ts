import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { REPO } from "../../test/engine/fixture";

/** What the figures were measured on. */
export interface Environment {
  date: string;
  node: string;
  platform: string;
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  /** The commit measured and the provider files that differ from it (the build is of the work tree). */
  commit: string;
  providerChanges: string[];
  packages: Record<string, string>;
}

function cpuModel(): string {
  try {
    const line = fs
      .readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    if (line) return line.slice(line.indexOf(":") + 1).trim();
  } catch {
    // not Linux: fall back to what node reports
  }
  return os.cpus()[0]?.model ?? "unknown";
}

function memTotal(): number {
  try {
    const match = /^MemTotal:\s+(\d+) kB/m.exec(fs.readFileSync("/proc/meminfo", "utf8"));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // fall through
  }
  return os.totalmem();
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

function packageVersion(name: string): string {
  try {
    const file = path.join(REPO, "node_modules", ...name.split("/"), "package.json");
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (typeof parsed === "object" && parsed !== null && "version" in parsed && typeof parsed.version === "string") {
      return parsed.version;
    }
  } catch {
    // not installed
  }
  return "not installed";
}

export function environment(): Environment {
  const status = git(["status", "--porcelain", "--", "provider"]);
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpuModel: cpuModel(),
    cores: os.cpus().length,
    memoryBytes: memTotal(),
    commit: git(["rev-parse", "--short", "HEAD"]) || "unknown",
    // Each line is a status code then the path; `git` trims the first line's leading blank.
    providerChanges: status === "" ? [] : status.split("\n").map((l) => l.replace(/^\s*\S+\s+/, "")),
    packages: Object.fromEntries(
      ["@pulumi/pulumi", "axios", "form-data", "@twilio-labs/serverless-api", "got"].map((n) => [n, packageVersion(n)]),
    ),
  };
}

export function printEnvironment(env: Environment): void {
  console.log("Environment");
  console.log(`  date          ${env.date}`);
  console.log(`  node          ${env.node} (${env.platform})`);
  console.log(`  cpu           ${env.cpuModel}`);
  console.log(`  cores         ${env.cores}`);
  console.log(`  memory        ${(env.memoryBytes / 1024 ** 3).toFixed(1)} GiB`);
  const dirty =
    env.providerChanges.length === 0 ? "" : ` + uncommitted provider/ changes (${env.providerChanges.join(", ")})`;
  console.log(`  measured      ${env.commit}${dirty}`);
  console.log(
    `  packages      ${Object.entries(env.packages)
      .map(([n, v]) => `${n} ${v}`)
      .join(", ")}`,
  );
}
