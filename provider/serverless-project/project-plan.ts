import * as pulumi from "@pulumi/pulumi";
import fs from "fs";
import path from "path";
import { messageOf } from "../pulumi/error-message";
import type { ServerlessContent, ServerlessProjectArgs } from "./args";
import { parseEnvFile } from "./env-file";
import { ProjectEntry, checkEntries, declaredEntry } from "./project-files";
import { FolderFile, readToolkitFolder } from "./toolkit-folder";

/** What a {@link ServerlessProject} deploys, read and checked before any resource is declared. */
export interface ProjectPlan {
  functions: ProjectEntry<ServerlessContent>[];
  assets: ProjectEntry<ServerlessContent>[];
  /** The existing Service to deploy into, or the unique name of the one to create. */
  service: { sid: pulumi.Input<string> } | { uniqueName: pulumi.Input<string> };
  dependencies: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** `envFile`'s Variables, then `variables`. */
  variables: Record<string, pulumi.Input<string>>;
  /** Files of the folder left out, one line each, for the log. */
  skipped: string[];
}

// Keys the Toolkit never sends from `.env`: functions get the real ones from `context`.
const RESERVED_VARIABLES = new Set(["ACCOUNT_SID", "AUTH_TOKEN"]);
// Twilio's rule for a Service unique name.
const UNIQUE_NAME = /^[A-Za-z0-9-]{1,50}$/;

/**
 * Reads the project folder and the `envFile` (paths from the program directory) and checks
 * everything that can be checked before Pulumi runs: throws a message naming the file at fault.
 */
export function planProject(args: ServerlessProjectArgs): ProjectPlan {
  if (args.serviceSid !== undefined && args.uniqueName !== undefined) {
    throw new Error("give serviceSid (an existing Service) or uniqueName (a new one), not both");
  }
  const directory = args.directory === undefined ? undefined : path.resolve(args.directory);
  const folder = directory === undefined ? undefined : readToolkitFolder(directory);
  const functions = checkEntries("function", [
    ...(folder?.functions ?? []).map(folderEntry),
    ...(args.functions ?? []).map((file, i) => declaredEntry("functions", i, file)),
  ]);
  const assets = checkEntries("asset", [
    ...(folder?.assets ?? []).map(folderEntry),
    ...(args.assets ?? []).map((file, i) => declaredEntry("assets", i, file)),
  ]);
  if (functions.length === 0 && assets.length === 0) {
    const what =
      directory === undefined
        ? "there are no functions and no assets to deploy"
        : `${directory} has no functions (functions/ or src/) and no assets (assets/ or static/)`;
    throw new Error(`${what}; Twilio refuses a build without any (20001)`);
  }
  return {
    functions,
    assets,
    service:
      args.serviceSid !== undefined
        ? { sid: args.serviceSid }
        : { uniqueName: args.uniqueName ?? packageUniqueName(folder?.packageName) },
    dependencies: args.dependencies ?? folder?.dependencies ?? {},
    variables: { ...envFileVariables(args.envFile), ...args.variables },
    skipped: folder?.skipped ?? [],
  };
}

// An absolute path, which the provider finds whatever its working directory (an Automation API
// program's host may run elsewhere than its plugin); the content is compared by sha256, never by path.
function folderEntry(file: FolderFile): ProjectEntry<ServerlessContent> {
  return {
    path: file.path,
    visibility: file.visibility,
    content: new pulumi.asset.FileAsset(file.file),
    source: file.shown,
    size: file.size,
  };
}

// The Toolkit names the Service after package.json.
function packageUniqueName(name: string | undefined): string {
  if (name === undefined) {
    throw new Error("set uniqueName or serviceSid: there is no package.json name to name the Service after");
  }
  if (!UNIQUE_NAME.test(name)) {
    throw new Error(
      `package.json name "${name}" cannot be a Service unique name (1 to 50 letters, digits and dashes); set uniqueName`,
    );
  }
  return name;
}

function envFileVariables(envFile: string | undefined): Record<string, string> {
  if (envFile === undefined) return {};
  const file = path.resolve(envFile);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`envFile ${file} cannot be read: ${messageOf(err)}`);
  }
  const variables = Object.entries(parseEnvFile(text, file));
  return Object.fromEntries(variables.filter(([key, value]) => value !== "" && !RESERVED_VARIABLES.has(key)));
}
