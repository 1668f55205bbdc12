import { normalizePath, pathProblem, visibilityProblem } from "../model/versions";
import { UploadKind, uploadSizeProblem } from "../twilio/limits";
import { Visibility, isVisibility } from "../twilio/visibility";

/** A function or an asset a project deploys, with where it came from for messages. */
export interface ProjectEntry<C> {
  /** The URL path, with its leading slash. */
  path: string;
  visibility: Visibility;
  content: C;
  /** The file (`functions/hello.js`) or the argument (`functions[0]`) it came from. */
  source: string;
  /** Its size in bytes, when known before the upload (files of the project folder). */
  size?: number;
}

/**
 * The functions (or assets) of a project checked and sorted by path: each path valid for Twilio,
 * no two files at one path, none larger than Twilio accepts. Throws naming the file at fault.
 */
export function checkEntries<C>(kind: UploadKind, entries: ProjectEntry<C>[]): ProjectEntry<C>[] {
  const byPath = new Map<string, ProjectEntry<C>>();
  for (const entry of entries) {
    const problem = pathProblem(entry.path) ?? visibilityProblem(entry.visibility);
    if (problem !== undefined) throw new Error(`${entry.source}: ${problem}`);
    const other = byPath.get(entry.path);
    if (other) {
      throw new Error(`${other.source} and ${entry.source} are both the ${kind} at ${entry.path}; rename one of them`);
    }
    const tooLarge =
      entry.size === undefined ? undefined : uploadSizeProblem(entry.source, entry.size, kind, entry.visibility);
    if (tooLarge !== undefined) throw new Error(tooLarge);
    byPath.set(entry.path, entry);
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * A function or asset given in the program as an entry to check: the path with its leading slash,
 * the visibility `public` when left out, as for a file without a marker in a Toolkit project.
 */
export function declaredEntry<C>(
  list: string,
  index: number,
  file: { path: unknown; visibility?: unknown; content: C },
): ProjectEntry<C> {
  const source = `${list}[${index}]`;
  if (typeof file.path !== "string") throw new Error(`${source}: ${pathProblem(file.path) ?? "path must be a string"}`);
  const visibility = file.visibility ?? "public";
  if (!isVisibility(visibility)) throw new Error(`${source}: ${visibilityProblem(visibility)}`);
  return { path: normalizePath(file.path), visibility, content: file.content, source };
}
