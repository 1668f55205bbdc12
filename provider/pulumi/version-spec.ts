import { contentHash, contentProblem, contentSize, parseContent } from "./content";
import { sidInput } from "./sids";
import { ResourceSpec } from "./spec";
import { UploadKind, VERSION_PATH, uploadSizeProblem } from "../twilio/limits";
import { Visibility, isVisibility } from "../twilio/version-upload";

/** The visibility Twilio applies when none is given. */
export const DEFAULT_VISIBILITY: Visibility = "protected";

/** `path` as Twilio stores it: with a leading slash. */
export function normalizePath(value: string): string {
  return value.startsWith("/") ? value : `/${value}`;
}

/** Why a function or asset path is refused, or `undefined`. */
export function pathProblem(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return "path is required, e.g. /hello";
  if (typeof value !== "string") return `path must be a string, not a ${typeof value}`;
  const normalized = normalizePath(value);
  if (normalized.length > VERSION_PATH.max) {
    return `path is ${normalized.length} characters long (with its leading slash); Twilio allows at most ${VERSION_PATH.max}`;
  }
  const bad = VERSION_PATH.forbidden.exec(value);
  if (bad) {
    const shown = /\s/.test(bad[0]) ? "whitespace" : `"${bad[0]}"`;
    return `path ${JSON.stringify(value)} contains ${shown}; Twilio paths cannot contain ${VERSION_PATH.says}`;
  }
  return undefined;
}

/** Why a visibility is refused (with the value probably meant), or `undefined`. */
export function visibilityProblem(value: unknown): string | undefined {
  if (isVisibility(value)) return undefined;
  const hint =
    typeof value === "string" && isVisibility(value.trim().toLowerCase())
      ? ` (did you mean "${value.trim().toLowerCase()}"?)`
      : "";
  return `visibility must be "public", "protected" or "private", got ${JSON.stringify(value)}${hint}`;
}

/**
 * The inputs of a version, Function or Asset alike, after its parent's SID input. Versions are
 * immutable, so every change is a replacement; content is compared by sha256, never by text.
 */
export function versionSpec(name: string, kind: UploadKind, parent: { key: string; prefix: string }): ResourceSpec {
  return {
    name,
    // Twilio's size limit depends on the visibility, so it is checked once both are known, at
    // preview, where Twilio itself would only answer a bare 413 once the bytes were sent.
    together: (inputs, { programDir }) => {
      const content = parseContent(inputs.content);
      const visibility = inputs.visibility;
      if (typeof content === "string" || !isVisibility(visibility)) return [];
      const measured = contentSize(content, programDir);
      const reason = measured && uploadSizeProblem(measured.what, measured.size, kind, visibility);
      return reason ? [{ property: "content", reason }] : [];
    },
    inputs: {
      serviceSid: sidInput("serviceSid", "ZS", "replace"),
      [parent.key]: sidInput(parent.key, parent.prefix, "replace"),
      path: {
        onChange: "replace",
        problem: pathProblem,
        normalize: (value) => (typeof value === "string" ? normalizePath(value) : value),
        changed: (olds, value) => typeof value !== "string" || olds.path !== normalizePath(value),
      },
      visibility: {
        onChange: "replace",
        problem: visibilityProblem,
        default: () => DEFAULT_VISIBILITY,
        changed: (olds, value) => olds.visibility !== (value ?? DEFAULT_VISIBILITY),
      },
      content: {
        onChange: "replace",
        problem: (value, { programDir }) => {
          const content = parseContent(value);
          return typeof content === "string" ? content : contentProblem(content, programDir);
        },
        changed: (olds, value, { programDir }) => {
          const content = parseContent(value);
          const hash = typeof content === "string" ? undefined : contentHash(content, programDir);
          return hash === undefined || hash !== olds.contentHash;
        },
      },
    },
  };
}
