import fs from "fs";
import os from "os";
import path from "path";
import { REPO } from "./fixture";

/**
 * Lays out a user's Pulumi project in a temporary folder: its own package.json, the given files,
 * and this package and @pulumi/pulumi under node_modules (linked, as `npm link` or a workspace
 * would install them). Returns the folder.
 */
export function makeUserProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "user-project-"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "user-project", private: true }));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
  fs.symlinkSync(REPO, path.join(dir, "node_modules", "pulumi-twilio-serverless"), "dir");
  fs.symlinkSync(
    path.join(REPO, "node_modules", "@pulumi", "pulumi"),
    path.join(dir, "node_modules", "@pulumi", "pulumi"),
    "dir",
  );
  return dir;
}
