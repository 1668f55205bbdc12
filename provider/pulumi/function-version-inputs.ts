import { Visibility, isVisibility } from "../twilio/function-versions";
import { contentProblem, parseContent } from "./content";
import { sidProblem } from "./sids";
import { PropertyBag, isUnknown } from "./wire";

/** The inputs of a FunctionVersion as they travel between engine and provider. */
const INPUT_KEYS = ["serviceSid", "functionSid", "path", "visibility", "content"] as const;

/** The visibility Twilio applies when none is given. */
export const DEFAULT_VISIBILITY: Visibility = "protected";

/** Twilio's limit on a function path, leading slash included. */
const MAX_PATH_LENGTH = 255;
// Characters Twilio rejects in a path, plus all whitespace.
const FORBIDDEN_PATH_CHARS = /[#;,?:@+&$()'"\s]/;

/** A property and why its value is refused, as the engine prints it. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** `path` as Twilio stores it: with a leading slash. */
export function normalizePath(value: string): string {
  return value.startsWith("/") ? value : `/${value}`;
}

function pathProblem(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return "path is required, e.g. /hello";
  if (typeof value !== "string") return `path must be a string, not a ${typeof value}`;
  const normalized = normalizePath(value);
  if (normalized.length > MAX_PATH_LENGTH) {
    return `path is ${normalized.length} characters long (with its leading slash); Twilio allows at most ${MAX_PATH_LENGTH}`;
  }
  const bad = FORBIDDEN_PATH_CHARS.exec(value);
  if (bad) {
    const shown = /\s/.test(bad[0]) ? "whitespace" : `"${bad[0]}"`;
    return `path ${JSON.stringify(value)} contains ${shown}; Twilio paths cannot contain # ; , ? : @ + & $ ( ) ' " or whitespace`;
  }
  return undefined;
}

function visibilityProblem(value: unknown): string | undefined {
  if (isVisibility(value)) return undefined;
  const hint =
    typeof value === "string" && isVisibility(value.trim().toLowerCase())
      ? ` (did you mean "${value.trim().toLowerCase()}"?)`
      : "";
  return `visibility must be "public", "protected" or "private", got ${JSON.stringify(value)}${hint}`;
}

/**
 * Validates and normalises FunctionVersion inputs without any network access: the leading slash of
 * `path` and the default `visibility` are filled in so that `hello` and `/hello` never differ.
 * Values still unknown in a preview pass through unjudged.
 */
export function checkFunctionVersionInputs(
  news: PropertyBag,
  programDir: string,
): { inputs: PropertyBag; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string | undefined): void => {
    if (reason !== undefined) failures.push({ property, reason });
  };
  const inputs: PropertyBag = { ...news };
  const known = (key: string): boolean => !isUnknown(news[key]);

  for (const key of Object.keys(news)) {
    if (key !== "__provider" && !(INPUT_KEYS as readonly string[]).includes(key)) {
      fail(key, `unknown property "${key}"; FunctionVersion takes ${INPUT_KEYS.join(", ")}`);
    }
  }
  if (known("serviceSid")) fail("serviceSid", sidProblem("serviceSid", news.serviceSid, "ZS"));
  if (known("functionSid")) fail("functionSid", sidProblem("functionSid", news.functionSid, "ZH"));
  if (known("path")) {
    const problem = pathProblem(news.path);
    fail("path", problem);
    if (problem === undefined && typeof news.path === "string") inputs.path = normalizePath(news.path);
  }
  if (news.visibility === undefined || news.visibility === null) inputs.visibility = DEFAULT_VISIBILITY;
  else if (known("visibility")) fail("visibility", visibilityProblem(news.visibility));
  const content = parseContent(news.content);
  fail("content", typeof content === "string" ? content : contentProblem(content, programDir));
  return { inputs, failures };
}
