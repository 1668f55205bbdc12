import fs from "fs";
import path from "path";
import { messageOf } from "../pulumi/error-message";
import { errorCode } from "../twilio/error-parts";
import { isBag } from "../model/wire";
import { leftOutReason } from "./left-out";
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
  /** The functions folder used, from the project folder with `/` (`functions`, `dist/functions`), if any. */
  functionsFolder?: string;
  /** The assets folder used, from the project folder with `/` (`assets`, `dist/assets`), if any. */
  assetsFolder?: string;
  functions: FolderFile[];
  assets: FolderFile[];
  /** `package.json`'s `name`, if it has one. */
  packageName?: string;
  /** `package.json`'s `dependencies` (not its devDependencies), an empty version read as `*`. */
  dependencies: Record<string, string>;
  /** Why each file or folder left out was left out, one line each. */
  skipped: string[];
}

/** The folders to read instead of the default ones, as `twilio-run deploy` takes them. */
export interface ToolkitFolderOptions {
  /** The functions folder, from the project folder (`--functions-folder`). */
  functionsFolder?: string;
  /** The assets folder, from the project folder (`--assets-folder`). */
  assetsFolder?: string;
}

/** The folders `twilio-run` looks for when none is named: the first of each list that exists. */
export const DEFAULT_FOLDERS = { functionsFolder: ["functions", "src"], assetsFolder: ["assets", "static"] } as const;

/**
 * Reads a Serverless Toolkit project folder the way `twilio-run deploy` does, with one difference:
 * what {@link leftOutReason} names (`.env` files, version control data, `node_modules`, litter of
 * the system and of editors) is skipped, where the Toolkit uploads an `assets/.env` as a public
 * asset. FIFOs, sockets and other special files are skipped too. A folder named in `options` is
 * read instead of the defaults, the other one still found by its default names, as with
 * `twilio-run deploy --functions-folder`. Throws, naming the path, when the folder, a folder named
 * in `options` or its package.json cannot be read, or a symbolic link in it points nowhere or into
 * a loop.
 */
export function readToolkitFolder(directory: string, options: ToolkitFolderOptions = {}): ToolkitFolder {
  if (!fs.statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`directory ${directory} does not exist or is not a folder`);
  }
  const skipped: string[] = [];
  const functionsFolder = chosenFolder(directory, "functionsFolder", options.functionsFolder);
  const assetsFolder = chosenFolder(directory, "assetsFolder", options.assetsFolder);
  const functions =
    functionsFolder === undefined
      ? []
      : filesUnder(directory, functionsFolder, skipped, ".js").map((relative) =>
          folderFile(directory, functionsFolder, relative, toolkitRoute(relative, ".js")),
        );
  const assets =
    assetsFolder === undefined
      ? []
      : filesUnder(directory, assetsFolder, skipped).map((relative) =>
          folderFile(directory, assetsFolder, relative, toolkitRoute(relative)),
        );
  return { functionsFolder, assetsFolder, functions, assets, skipped, ...readPackageJson(directory) };
}

/**
 * The folder named by `option`, checked, with `/` and without `./`; or the first default one that
 * exists. `twilio-run` deploys nothing from a folder named that is not there, without a word.
 */
function chosenFolder(
  directory: string,
  option: keyof ToolkitFolderOptions,
  named: string | undefined,
): string | undefined {
  if (named === undefined) {
    return DEFAULT_FOLDERS[option].find((name) =>
      fs.statSync(path.join(directory, name), { throwIfNoEntry: false })?.isDirectory(),
    );
  }
  if (typeof named !== "string" || named.trim() === "") throw new Error(`${option} must be a folder name`);
  // `twilio-run` joins even an absolute path to the project folder, so one is refused rather than guessed at.
  if (path.isAbsolute(named)) {
    throw new Error(`${option} "${named}" must be a path from directory (${directory}), not an absolute one`);
  }
  const folder = path.normalize(named).split(path.sep).join("/").replace(/\/+$/, "");
  if (!fs.statSync(path.join(directory, folder), { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`${option} "${named}": ${path.join(directory, folder)} does not exist or is not a folder`);
  }
  return folder;
}

/**
 * Every regular file under `directory/folder`, nested ones included, relative to it with `/`,
 * sorted; why each file or folder left out was left out is added to `skipped`, in the order the
 * folder is walked. `only` keeps the files of that extension alone, as for functions.
 */
function filesUnder(directory: string, folder: string, skipped: string[], only?: string): string[] {
  const found: string[] = [];
  const root = path.join(directory, folder);
  /** `within`: the real paths of the folders being walked, outermost first. */
  const walk = (relative: string, within: string[]): void => {
    const entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      const shown = path.posix.join(folder, child);
      const file = path.join(root, child);
      // Judged by its name before anything is read, so that a `.git/` is never walked and an
      // editor's lock file (Emacs' `.#hello.js`, a link to nowhere) is no error.
      const why = leftOutReason(entry.name);
      if (why !== undefined) {
        skipped.push(`${shown}${entry.isDirectory() ? "/" : ""} skipped: ${why}`);
        continue;
      }
      let stat: fs.Dirent | fs.Stats = entry;
      // A symbolic link counts as what it points to, as for the Toolkit.
      if (entry.isSymbolicLink()) {
        stat = followLink(file, shown);
      }
      if (stat.isDirectory()) {
        const real = fs.realpathSync(file);
        if (within.includes(real)) {
          throw new Error(`${shown} is a symbolic link to ${fs.readlinkSync(file)}, a folder that holds it: a loop`);
        }
        walk(child, [...within, real]);
      } else if (!stat.isFile()) {
        skipped.push(`${shown} skipped: ${specialKind(stat)} is not a file that can be uploaded`);
      } else if (only !== undefined && path.extname(entry.name) !== only) {
        // A `.js.map` of tsc's `sourceMap` is left out here too, as by `twilio-run`.
        skipped.push(`${shown} skipped: only ${only} files are functions`);
      } else {
        found.push(child);
      }
    }
  };
  walk("", [fs.realpathSync(root)]);
  return found.sort();
}

/** What a symbolic link points to; throws, naming the link, when it points nowhere or into a loop. */
function followLink(file: string, shown: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (err) {
    const code = errorCode(err);
    if (code === "ENOENT") {
      throw new Error(`${shown} is a symbolic link to ${fs.readlinkSync(file)}, which does not exist`);
    }
    if (code === "ELOOP") {
      throw new Error(
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

function folderFile(directory: string, folder: string, relative: string, route: ToolkitRoute): FolderFile {
  const file = path.join(directory, folder, ...relative.split("/"));
  return { ...route, file, shown: path.posix.join(folder, relative), size: fs.statSync(file).size };
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
