/**
 * A build laid out on disk as Twilio's runtime finds it: each Function at its path with `.js`
 * under `functions/`, each Asset at its path under `assets/`, and a `node_modules` holding the
 * build's dependencies and the `twilio` its Functions get (twilio-client.js). The folder is the
 * `baseDir` of runtime-handler's server and each route's `filePath` points into it, so
 * `Runtime.getFunctions()[p].path` and `Runtime.getAssets()[p].path` are real files.
 */
import type { AccessOptions, RouteInfo, ServerlessResourceConfigWithFilePath } from "@twilio/runtime-handler/dev";
import fs from "fs";
import path from "path";
import { AssetVersionRecord, BuildRecord, VersionRecord } from "../records";

/** Where a client made inside a Function sends its Serverless requests. */
export interface EmulatorUrls {
  apiBaseUrl: string;
  uploadBaseUrl: string;
}

/** A build on disk. */
export interface BuildLayout {
  /** The build's folder, runtime-handler's `baseDir`. */
  dir: string;
  /** Every Function and Asset of the build, private ones included, as runtime-handler takes them. */
  routes: RouteInfo;
}

/** Why a build cannot be laid out (a path that is no file path); its requests answer 500 with it. */
export class LayoutError extends Error {
  override name = "LayoutError";
}

/** The entry point of runtime-handler's development server, which the hosts load. */
export const DEV_SERVER = require.resolve("@twilio/runtime-handler/dev");

/** The `twilio` runtime-handler depends on, which a build gets unless its dependencies hold one. */
const RUNTIME_HANDLER_TWILIO = path.dirname(
  require.resolve("twilio/package.json", { paths: [path.dirname(DEV_SERVER)] }),
);

/** The factory the generated `twilio` calls. */
const CLIENT_FACTORY = path.join(__dirname, "twilio-client.js");

const ACCESS: readonly string[] = ["public", "protected", "private"] satisfies AccessOptions[];

const isAccess = (value: string): value is AccessOptions => ACCESS.includes(value);

/**
 * The file of a Serverless path under `base`. Paths come from uploads, which Twilio checks for
 * characters but not for `..`: a path with an empty, `.` or `..` segment would name a file outside
 * its folder or none, so the build is refused.
 */
function fileOf(base: string, servicePath: string, extension: string): string {
  const segments = servicePath.split("/").slice(1);
  if (segments.length === 0 || segments.some((s) => s === "" || s === "." || s === "..")) {
    throw new LayoutError(`The path ${JSON.stringify(servicePath)} cannot be laid out as a file`);
  }
  return path.join(base, ...segments) + extension;
}

async function writeVersion(file: string, content: Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, content);
}

function route(version: VersionRecord | AssetVersionRecord, filePath: string): ServerlessResourceConfigWithFilePath {
  if (!isAccess(version.visibility)) throw new LayoutError(`Unknown visibility ${version.visibility}`);
  // runtime-handler reads the file at `filePath`; `content` is never read.
  return { name: version.path.slice(1), path: version.path, access: version.visibility, filePath, content: "" };
}

/** Links `from` at `to`: a junction on Windows, which needs no privilege for a folder. */
async function link(from: string, to: string): Promise<void> {
  await fs.promises.symlink(from, to, process.platform === "win32" ? "junction" : "dir");
}

/**
 * `node_modules/twilio`: a package whose `index.js` loads the real library through
 * twilio-client.js, with the real one's folders (`lib/`, for deep requires) linked into it.
 */
async function writeTwilio(modules: string, real: string, urls: EmulatorUrls): Promise<void> {
  const dir = path.join(modules, "twilio");
  await fs.promises.mkdir(dir);
  const realManifest: unknown = JSON.parse(await fs.promises.readFile(path.join(real, "package.json"), "utf8"));
  const version =
    typeof realManifest === "object" && realManifest !== null && "version" in realManifest
      ? realManifest.version
      : undefined;
  if (typeof version !== "string") throw new Error(`no version in ${path.join(real, "package.json")}`);
  const manifest = { name: "twilio", version, private: true, main: "index.js" };
  await fs.promises.writeFile(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  const code =
    "// The Twilio Serverless emulator's `twilio`: the real library, its clients sent to the emulator.\n" +
    `module.exports = require(${JSON.stringify(CLIENT_FACTORY)})(require(${JSON.stringify(real)}), ` +
    `${JSON.stringify(urls)});\n`;
  await fs.promises.writeFile(path.join(dir, "index.js"), code);
  for (const entry of await fs.promises.readdir(real, { withFileTypes: true })) {
    if (entry.isDirectory()) await link(path.join(real, entry.name), path.join(dir, entry.name));
  }
}

/**
 * `node_modules`: every package of `dependencies` (a `node_modules` folder) linked by name, so
 * that a Function requires them as from its project, and `twilio`, wrapping the dependencies' own
 * `twilio` if they hold one, else runtime-handler's.
 */
async function writeModules(dir: string, dependencies: string | undefined, urls: EmulatorUrls): Promise<void> {
  const modules = path.join(dir, "node_modules");
  await fs.promises.mkdir(modules);
  let twilio = RUNTIME_HANDLER_TWILIO;
  if (dependencies !== undefined) {
    for (const entry of await fs.promises.readdir(dependencies)) {
      if (entry.startsWith(".")) continue; // .bin, .package-lock.json
      const target = path.join(dependencies, entry);
      if (!(await fs.promises.stat(target)).isDirectory()) continue;
      if (entry === "twilio") twilio = target;
      else await link(target, path.join(modules, entry));
    }
  }
  await writeTwilio(modules, twilio, urls);
}

/**
 * Lays `build` out in `dir` (which must not exist), its packages resolved from `dependencies` (a
 * `node_modules` folder) when given. Rejects with a {@link LayoutError} for a path that names no
 * file of the folder; the folder is then left incomplete.
 */
export async function layOutBuild(
  dir: string,
  build: BuildRecord,
  dependencies: string | undefined,
  urls: EmulatorUrls,
): Promise<BuildLayout> {
  await fs.promises.mkdir(dir, { recursive: true });
  const routes: RouteInfo = { functions: [], assets: [] };
  for (const version of build.functionVersions) {
    const file = fileOf(path.join(dir, "functions"), version.path, ".js");
    routes.functions.push(route(version, file));
    await writeVersion(file, version.content);
  }
  for (const version of build.assetVersions) {
    const file = fileOf(path.join(dir, "assets"), version.path, "");
    routes.assets.push(route(version, file));
    await writeVersion(file, version.content);
  }
  await writeModules(dir, dependencies, urls);
  return { dir, routes };
}
