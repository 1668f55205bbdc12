import fs from "fs";
import path from "path";
import { messageOf } from "../pulumi/error-message";
import { isBag } from "../pulumi/wire";
import { ToolkitRoute, toolkitRoute } from "./toolkit-paths";

/** A file of a Toolkit project, where it is served and to whom. */
export interface FolderFile extends ToolkitRoute {
  /** Its absolute path. */
  file: string;
  /** Its path from the project folder, with `/`, as messages name it (`functions/hello.js`). */
  shown: string;
  /** Its size in bytes. */
  size: number;
}

/** What `twilio-run deploy` would read of a project folder. */
export interface ToolkitFolder {
  /** The functions folder used (`functions` or `src`), if any. */
  functionsFolder?: string;
  /** The assets folder used (`assets` or `static`), if any. */
  assetsFolder?: string;
  functions: FolderFile[];
  assets: FolderFile[];
  /** `package.json`'s `name`, if it has one. */
  packageName?: string;
  /** `package.json`'s `dependencies` (not its devDependencies), an empty version read as `*`. */
  dependencies: Record<string, string>;
  /** Why each file left out was left out, one line per file. */
  skipped: string[];
}

// The Toolkit takes the first folder of each list that exists.
const FUNCTIONS_FOLDERS = ["functions", "src"];
const ASSETS_FOLDERS = ["assets", "static"];

// Why a hidden file is left out, for the log.
const HIDDEN = "hidden files are not deployed";

/**
 * Reads a Serverless Toolkit project folder the way `twilio-run deploy` does, with one difference:
 * hidden files (any part of the path starting with `.`) are skipped, where the Toolkit uploads an
 * `assets/.env` as a public asset. FIFOs, sockets and other special files are skipped too. Throws,
 * naming the path, when the folder or its package.json cannot be read, or a symbolic link in it
 * points nowhere or into a loop.
 */
export function readToolkitFolder(directory: string): ToolkitFolder {
  if (!fs.statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`directory ${directory} does not exist or is not a folder`);
  }
  const skipped: string[] = [];
  const functionsFolder = firstFolder(directory, FUNCTIONS_FOLDERS);
  const assetsFolder = firstFolder(directory, ASSETS_FOLDERS);
  const functions: FolderFile[] = [];
  for (const relative of functionsFolder ? filesUnder(directory, functionsFolder, skipped) : []) {
    const shown = `${functionsFolder}/${relative}`;
    if (isHidden(relative)) skipped.push(`${shown} skipped: ${HIDDEN}`);
    else if (!relative.endsWith(".js")) skipped.push(`${shown} skipped: only .js files are functions`);
    else functions.push(folderFile(directory, shown, toolkitRoute(relative, ".js")));
  }
  const assets: FolderFile[] = [];
  for (const relative of assetsFolder ? filesUnder(directory, assetsFolder, skipped) : []) {
    const shown = `${assetsFolder}/${relative}`;
    if (isHidden(relative)) skipped.push(`${shown} skipped: ${HIDDEN}`);
    else assets.push(folderFile(directory, shown, toolkitRoute(relative)));
  }
  return { functionsFolder, assetsFolder, functions, assets, skipped, ...readPackageJson(directory) };
}

function firstFolder(directory: string, candidates: string[]): string | undefined {
  return candidates.find((name) => fs.statSync(path.join(directory, name), { throwIfNoEntry: false })?.isDirectory());
}

/**
 * Every regular file under `directory/folder`, nested ones included, relative to it with `/`,
 * sorted; why each special file was left out is added to `skipped`.
 */
function filesUnder(directory: string, folder: string, skipped: string[]): string[] {
  const found: string[] = [];
  const root = path.join(directory, folder);
  /** `within`: the real paths of the folders being walked, outermost first. */
  const walk = (relative: string, within: string[]): void => {
    const entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      const shown = `${folder}/${child}`;
      const file = path.join(root, child);
      let stat: fs.Dirent | fs.Stats = entry;
      // A symbolic link counts as what it points to, as for the Toolkit.
      if (entry.isSymbolicLink()) {
        const target = followLink(file, shown);
        if (target instanceof Error) {
          // An editor's lock file (Emacs' `.#hello.js`) is a link to nowhere: hidden, it is no error.
          if (!isHidden(child)) throw target;
          skipped.push(`${shown} skipped: ${HIDDEN}`);
          continue;
        }
        stat = target;
      }
      if (stat.isDirectory()) {
        const real = fs.realpathSync(file);
        if (within.includes(real)) {
          throw new Error(`${shown} is a symbolic link to ${fs.readlinkSync(file)}, a folder that holds it: a loop`);
        }
        walk(child, [...within, real]);
      } else if (stat.isFile()) {
        found.push(child);
      } else {
        skipped.push(`${shown} skipped: ${specialKind(stat)} is not a file that can be uploaded`);
      }
    }
  };
  walk("", [fs.realpathSync(root)]);
  return found.sort();
}

/** What a symbolic link points to, or the error naming the link when it points nowhere or into a loop. */
function followLink(file: string, shown: string): fs.Stats | Error {
  try {
    return fs.statSync(file);
  } catch (err) {
    const code = isBag(err) ? err.code : undefined;
    if (code === "ENOENT") {
      return new Error(`${shown} is a symbolic link to ${fs.readlinkSync(file)}, which does not exist`);
    }
    if (code === "ELOOP") {
      return new Error(
        `${shown} is a symbolic link to ${fs.readlinkSync(file)}, which leads back to itself: a loop (ELOOP)`,
      );
    }
    throw err;
  }
}

function specialKind(stat: fs.Dirent | fs.Stats): string {
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isSocket()) return "a socket";
  return "a device or other special file";
}

function isHidden(relative: string): boolean {
  return relative.split("/").some((part) => part.startsWith("."));
}

function folderFile(directory: string, shown: string, route: ToolkitRoute): FolderFile {
  const file = path.join(directory, ...shown.split("/"));
  return { ...route, file, shown, size: fs.statSync(file).size };
}

function readPackageJson(directory: string): Pick<ToolkitFolder, "packageName" | "dependencies"> {
  const file = path.join(directory, "package.json");
  if (!fs.existsSync(file)) return { dependencies: {} };
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${messageOf(err)}`);
  }
  if (!isBag(manifest)) throw new Error(`${file} must hold a JSON object`);
  const { name, dependencies = {} } = manifest;
  if (name !== undefined && typeof name !== "string") throw new Error(`${file}: "name" must be a string`);
  if (!isBag(dependencies)) throw new Error(`${file}: "dependencies" must be an object of versions`);
  const versions: Record<string, string> = {};
  for (const [dependency, version] of Object.entries(dependencies)) {
    if (typeof version !== "string") {
      throw new Error(`${file}: the version of dependency "${dependency}" must be a string`);
    }
    versions[dependency] = version === "" ? "*" : version;
  }
  return { packageName: name, dependencies: versions };
}
