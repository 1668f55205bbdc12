/**
 * What the component and `twilio-run deploy` each deploy of a Toolkit folder, in one shape to
 * compare: the component's reading, and Twilio's own deploy library's (`@twilio-labs/serverless-api`).
 */
import { fsHelpers } from "@twilio-labs/serverless-api";
import fs from "fs";
import path from "path";
import { ToolkitFolderOptions, readToolkitFolder } from "../../provider/serverless-project/toolkit-folder";

/** A function or an asset: where it is served, to whom, and which file it is. */
export interface Mapped {
  path: string;
  visibility: string;
  file: string;
}

/** A folder's functions and assets, each sorted by path. */
export interface Mapping {
  functions: Mapped[];
  assets: Mapped[];
}

const byPath = (a: Mapped, b: Mapped): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** What ServerlessProject deploys of the folder. */
export function ours(dir: string, options: ToolkitFolderOptions = {}): Mapping {
  const folder = readToolkitFolder(dir, options);
  const map = (files: typeof folder.functions): Mapped[] =>
    files.map((f) => ({ path: f.path, visibility: f.visibility, file: f.file })).sort(byPath);
  return { functions: map(folder.functions), assets: map(folder.assets) };
}

/**
 * What `twilio-run deploy` deploys of the folder: serverless-api's own reading, given the folders
 * as its `deployLocalProject` passes `--functions-folder` and `--assets-folder` on.
 */
export async function theirs(dir: string, options: ToolkitFolderOptions = {}): Promise<Mapping> {
  const search: { functionsFolderNames?: string[]; assetsFolderNames?: string[] } = {};
  if (options.functionsFolder) search.functionsFolderNames = [options.functionsFolder];
  if (options.assetsFolder) search.assetsFolderNames = [options.assetsFolder];
  const found = await fsHelpers.getListOfFunctionsAndAssets(dir, search);
  const map = (files: typeof found.functions): Mapped[] =>
    files.map((f) => ({ path: f.path, visibility: f.access, file: f.filePath })).sort(byPath);
  return { functions: map(found.functions), assets: map(found.assets) };
}

/** `visibility path` of each, for messages that read as a listing. */
export const routes = (mapped: Mapped[]): string[] => mapped.map((m) => `${m.visibility} ${m.path}`);

/** `mapping` of the folder `from`, with its files at the same places under `to`. */
export function moved(mapping: Mapping, from: string, to: string): Mapping {
  const move = (m: Mapped): Mapped => ({ ...m, file: path.join(to, path.relative(from, m.file)) });
  return { functions: mapping.functions.map(move), assets: mapping.assets.map(move) };
}

/** Writes files (paths with `/`) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}
