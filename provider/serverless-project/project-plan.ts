import * as pulumi from "@pulumi/pulumi";
import fs from "fs";
import path from "path";
import { messageOf } from "../pulumi/error-message";
import { PropertyNames, knownProperties, namesOf } from "../pulumi/known-properties";
import { runtimeProblem } from "../model/runtimes";
import { isBag } from "../model/wire";
import { SERVICE_UNIQUE_NAME } from "../twilio/limits";
import {
  SERVERLESS_ENVIRONMENT_INPUTS,
  SERVERLESS_FILE_INPUTS,
  ServerlessContent,
  ServerlessEnvironmentArgs,
  ServerlessFile,
  ServerlessProjectArgs,
} from "./args";
import { parseEnvFile } from "./env-file";
import { ProjectEntry, checkEntries, declaredEntry } from "./project-files";
import { defaultServiceName } from "./service-name";
import { DEFAULT_FOLDERS, FolderFile, readToolkitFolder } from "./toolkit-folder";

/** What a {@link ServerlessProject} deploys, read and checked before any resource is declared. */
export interface ProjectPlan {
  functions: ProjectEntry<ServerlessContent>[];
  assets: ProjectEntry<ServerlessContent>[];
  /** The existing Service to deploy into, or the unique name of the one to create. */
  service: { sid: pulumi.Input<string> } | { uniqueName: pulumi.Input<string> };
  /** The Environment's inputs, as given. */
  environment: ServerlessEnvironmentArgs;
  dependencies: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** `envFile`'s Variables, then `variables`, less those left out (see `skipped`). */
  variables: Record<string, pulumi.Input<string>>;
  /** Files of the folder and variables left out, one line each, for the log. */
  skipped: string[];
}

// Twilio gives functions the account's own in `context` when the Service includes credentials;
// the Toolkit never sends these from `.env`.
const CREDENTIAL_KEYS = ["ACCOUNT_SID", "AUTH_TOKEN"];

/**
 * Reads the project folder and the `envFile` (paths from the program directory) and checks
 * everything that can be checked before Pulumi runs: throws a message naming the file or the
 * argument at fault. `stack` names the stack, which the default Service name ends with.
 */
export function planProject(args: ServerlessProjectArgs, stack: string): ProjectPlan {
  // The type says as much; JavaScript programs are told here.
  const given: { serviceSid?: unknown; uniqueName?: unknown } = args;
  if (given.serviceSid !== undefined && given.uniqueName !== undefined) {
    throw new Error("give serviceSid (an existing Service) or uniqueName (a new one), not both");
  }
  const settings = (["friendlyName", "includeCredentials", "uiEditable"] as const).filter(
    (key) => args[key] !== undefined,
  );
  if (args.serviceSid !== undefined && settings.length > 0) {
    throw new Error(`${settings.join(", ")} set up a Service the project creates; leave them out with serviceSid`);
  }
  const environment =
    args.environment === undefined ? {} : objectOf("environment", args.environment, SERVERLESS_ENVIRONMENT_INPUTS);
  // Known when the program runs: refused now, where Twilio would refuse it only after the uploads.
  const runtime = typeof args.runtime === "string" ? runtimeProblem(args.runtime) : undefined;
  if (runtime !== undefined) throw new Error(runtime);
  const directory = args.directory === undefined ? undefined : path.resolve(args.directory);
  const named = { functionsFolder: args.functionsFolder, assetsFolder: args.assetsFolder };
  if (directory === undefined) {
    const option = Object.entries(named).find(([, folder]) => folder !== undefined)?.[0];
    if (option !== undefined) throw new Error(`${option} is a folder of directory, which is not given`);
  }
  const folder = directory === undefined ? undefined : readToolkitFolder(directory, named);
  const functions = checkEntries("function", [
    ...(folder?.functions ?? []).map(folderEntry),
    ...filesOf("functions", args.functions).map((file, i) => declaredEntry("functions", i, file)),
  ]);
  const assets = checkEntries("asset", [
    ...(folder?.assets ?? []).map(folderEntry),
    ...filesOf("assets", args.assets).map((file, i) => declaredEntry("assets", i, file)),
  ]);
  if (functions.length === 0 && assets.length === 0) {
    const what =
      directory === undefined
        ? "there are no functions and no assets to deploy"
        : `${directory} has no functions (${searched(named.functionsFolder, DEFAULT_FOLDERS.functionsFolder)}) and no assets (${searched(named.assetsFolder, DEFAULT_FOLDERS.assetsFolder)})`;
    throw new Error(`${what}; Twilio refuses a build without any (20001)`);
  }
  const skipped = [...(folder?.skipped ?? [])];
  return {
    functions,
    assets,
    service:
      args.serviceSid !== undefined
        ? { sid: args.serviceSid }
        : { uniqueName: args.uniqueName ?? packageServiceName(folder?.packageName, stack) },
    environment,
    dependencies: args.dependencies ?? folder?.dependencies ?? {},
    variables: variablesOf(envFileVariables(args.envFile), args.variables ?? {}, skipped),
    skipped,
  };
}

/** Where the folder's functions (or assets) were looked for, for a message: `dist/functions/`, `functions/ or src/`. */
function searched(named: string | undefined, defaults: readonly string[]): string {
  return named === undefined ? defaults.map((name) => `${name}/`).join(" or ") : `${named}/`;
}

/** A nested argument checked as the resource classes check theirs: an object of known properties only. */
function objectOf<T extends object>(where: string, value: T, names: PropertyNames<T>): T {
  if (!isBag(value)) throw new Error(`${where} must be an object of ${namesOf(names).join(", ")}`);
  return knownProperties(where, value, names);
}

function filesOf(list: string, files: ServerlessFile[] | undefined): ServerlessFile[] {
  if (files === undefined) return [];
  if (!Array.isArray(files)) throw new Error(`${list} must be a list of { path, content, visibility? }`);
  return files.map((file, i) => objectOf(`${list}[${i}]`, file, SERVERLESS_FILE_INPUTS));
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

// The Toolkit names the Service after package.json alone; the stack is added so that stacks of
// one program do not collide.
function packageServiceName(name: string | undefined, stack: string): string {
  if (name === undefined) {
    throw new Error("set uniqueName or serviceSid: there is no package.json name to name the Service after");
  }
  if (!SERVICE_UNIQUE_NAME.pattern.test.test(name)) {
    throw new Error(
      `package.json name "${name}" cannot be a Service unique name (letters, digits and dashes only); set uniqueName`,
    );
  }
  return defaultServiceName(name, stack);
}

/**
 * Why a variable is not deployed, as a line for the log, or `undefined` when it is: the Toolkit's
 * rule for `.env`, applied to `envFile` and `variables` alike. An empty value is left out (Twilio
 * refuses one: "Missing required parameter Value"). `ACCOUNT_SID` and `AUTH_TOKEN` are left out of
 * `envFile`, as the Toolkit leaves them out of `.env`, and refused in `variables`, which the
 * program wrote on purpose. Values are never shown: they may be secrets.
 */
function leftOut(key: string, value: pulumi.Input<string>, from: "envFile" | "variables"): string | undefined {
  if (CREDENTIAL_KEYS.includes(key)) {
    const why = `functions read the account's own as context.${key} when includeCredentials is on (the default)`;
    if (from === "variables") throw new Error(`variables: ${key} cannot be a Variable: ${why}`);
    return `envFile: ${key} skipped: ${why}`;
  }
  if (value === "") return `${from}: ${key} skipped: its value is empty, which Twilio refuses`;
  return undefined;
}

/**
 * `envFile`'s variables overridden by `variables`, less those {@link leftOut} leaves out; a key
 * the program empties is not deployed at all, whatever the file says.
 */
function variablesOf(
  fromFile: Record<string, string>,
  fromProgram: Record<string, pulumi.Input<string>>,
  skipped: string[],
): Record<string, pulumi.Input<string>> {
  const kept = new Map<string, pulumi.Input<string>>();
  const given: [string, pulumi.Input<string>, "envFile" | "variables"][] = [
    ...Object.entries(fromFile).map(([key, value]): [string, string, "envFile"] => [key, value, "envFile"]),
    ...Object.entries(fromProgram).map(([key, value]): [string, pulumi.Input<string>, "variables"] => [
      key,
      value,
      "variables",
    ]),
  ];
  for (const [key, value, from] of given) {
    const line = leftOut(key, value, from);
    if (line === undefined) {
      kept.set(key, value);
    } else {
      kept.delete(key);
      skipped.push(line);
    }
  }
  return Object.fromEntries(kept);
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
  return parseEnvFile(text, file);
}
