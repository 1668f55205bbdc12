import fs from "fs";
import yaml from "js-yaml";
import path from "path";
import { isBag } from "../../provider/model/wire";

/** A Pulumi project as the engine lays it out before running its program. */
export interface PulumiProject {
  /** The folder holding `Pulumi.yaml`. */
  root: string;
  /** The project name: the namespace of its bare config keys and part of every URN. */
  name: string;
  /**
   * The working directory of the program and of every plugin: the `main` folder when `main` names
   * a folder, the folder of the `main` file when it names a file, else `root`. FileAsset paths and
   * everything else a program or provider resolves relative to `process.cwd()` start here.
   */
  programDir: string;
  /** The program's entry, relative to `programDir` (`.`: the folder's package.json `main` or index). */
  entry: string;
}

/**
 * Reads `Pulumi.yaml` in `root` and places the program the way the engine does (`getPwdMain` in
 * pulumi/pkg/engine: `main` is resolved against the project folder; a folder becomes the working
 * directory, a file's parent folder does).
 */
export function loadProject(root: string): PulumiProject {
  const file = path.join(root, "Pulumi.yaml");
  const parsed: unknown = yaml.load(fs.readFileSync(file, "utf8"));
  if (!isBag(parsed) || typeof parsed.name !== "string" || parsed.name === "") {
    throw new Error(`${file} has no project name`);
  }
  if (parsed.main !== undefined && typeof parsed.main !== "string") throw new Error(`${file}: main must be a path`);
  const projectRoot = path.resolve(root);
  if (parsed.main === undefined || parsed.main === "") {
    return { root: projectRoot, name: parsed.name, programDir: projectRoot, entry: "." };
  }
  const main = path.resolve(projectRoot, parsed.main);
  if (fs.statSync(main).isDirectory()) return { root: projectRoot, name: parsed.name, programDir: main, entry: "." };
  return { root: projectRoot, name: parsed.name, programDir: path.dirname(main), entry: path.basename(main) };
}
