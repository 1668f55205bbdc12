import { execFile } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import { REPO } from "./fixture";

const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** The version of a package installed in this repository, so that a user project gets the same one. */
function installedVersion(name: string): string {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", name, "package.json"), "utf8"));
  if (typeof manifest !== "object" || manifest === null || !("version" in manifest)) {
    throw new Error(`${name} has no version`);
  }
  return String(manifest.version);
}

function packedFilename(report: unknown): string {
  const first: unknown = Array.isArray(report) ? report[0] : undefined;
  if (typeof first !== "object" || first === null || !("filename" in first) || typeof first.filename !== "string") {
    throw new Error(`npm pack reported no tarball: ${JSON.stringify(report)}`);
  }
  return first.filename;
}

/** A user's project with this package installed from its tarball. */
export interface UserProject {
  dir: string;
  /** What `npm pack` and `npm install` printed on stderr: warnings among it. */
  warnings: string;
}

/**
 * Packs this package as `npm pack` publishes it (from the `dist/` that `npm run build` made) and
 * installs the tarball, as a user would, into a new project folder holding `files`, with
 * `@pulumi/pulumi` and `@types/node` at the versions this repository uses, as a Pulumi TypeScript
 * project has them. Dependencies come from npm's cache when it has them.
 */
export async function makeUserProject(files: Record<string, string>): Promise<UserProject> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "user-project-"));
  const packed = await run(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: REPO });
  const filename = packedFilename(JSON.parse(packed.stdout));
  const manifest = {
    name: "user-project",
    private: true,
    dependencies: {
      "pulumi-twilio-serverless": `file:./${filename}`,
      "@pulumi/pulumi": installedVersion("@pulumi/pulumi"),
    },
    devDependencies: { "@types/node": installedVersion("@types/node") },
  };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const installed = await run(
    npm,
    ["install", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel", "warn"],
    { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
  );
  return { dir, warnings: `${packed.stderr}${installed.stderr}` };
}
