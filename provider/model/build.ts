import { JsonReader } from "../twilio/shape";
import { CREATED, IDENTITY, UPDATED_AND_URL, decoded, given, sid } from "./build-fields";
import { Decoded, InputRule, PropertyBag, describe } from "./field";
import { newerRuntimeWarning, runtimeProblem } from "./runtimes";
import { isUnknown, sameJson } from "./wire";
import { sidProblem } from "./sids";

/** Where a build stands: Twilio installs dependencies and packs the versions until it completes or fails. */
export type BuildStatus = "building" | "completed" | "failed";

const STATUSES: readonly BuildStatus[] = ["building", "completed", "failed"];

/** An npm dependency of a build, as Twilio lists it. */
export interface BuildDependency {
  name: string;
  version: string;
}

// An npm package name, scoped or not, as npm accepts it.
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** A build's status, refused when Twilio says what this package does not know. */
export function decodeStatus(answer: JsonReader): BuildStatus {
  const status = answer.string("status");
  const known = STATUSES.find((s) => s === status);
  if (known === undefined) throw new Error(`unexpected Build status from Twilio: ${JSON.stringify(status)}`);
  return known;
}

function versionListProblem(property: string, value: unknown): string | undefined {
  if (!Array.isArray(value)) return `${property} must be a list of version SIDs ("ZN…"), not a ${typeof value}`;
  const problems = value
    .map((sid, i) => (isUnknown(sid) ? undefined : sidProblem(`${property}[${i}]`, sid, "ZN")))
    .filter((problem): problem is string => problem !== undefined);
  const known = value.filter((sid): sid is string => typeof sid === "string" && !isUnknown(sid));
  const repeated = known.find((sid, i) => known.indexOf(sid) !== i);
  if (repeated !== undefined) problems.push(`${property} lists ${repeated} twice`);
  return problems.length > 0 ? problems.join("; ") : undefined;
}

/**
 * A list of version SIDs: given as SIDs, answered by Twilio as objects (read back as their SIDs).
 * It compares as a set: Twilio keeps no order, and none matters. Nullable in the spec, where `null`
 * can only mean none.
 */
function versionList(wire: string): Decoded<string[], string[], true> {
  const rule: InputRule = {
    onChange: "replace",
    problem: versionListProblem,
    default: () => [],
    param: wire === "function_versions" ? "FunctionVersions" : "AssetVersions",
    changed: (olds, value, _context, property) => {
      const old = olds[property];
      if (!Array.isArray(value) || !Array.isArray(old) || value.some(isUnknown)) return true;
      const oldSet = new Set(old.map((sid) => String(sid).toLowerCase()));
      const newSet = new Set(value.map((sid) => String(sid).toLowerCase()));
      return oldSet.size !== newSet.size || [...newSet].some((sid) => !oldSet.has(sid));
    },
  };
  return {
    decode: (answer) =>
      answer.arrayOrNone(wire).map((version) => new JsonReader(version, "Build version").string("sid")),
    input: rule,
  };
}

function dependenciesProblem(property: string, value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return `${property} must be a map of npm package names to versions, not a ${typeof value}`;
  }
  for (const [name, version] of Object.entries(value)) {
    if (!PACKAGE_NAME.test(name)) return `${property}: ${JSON.stringify(name)} is not an npm package name`;
    if (isUnknown(version)) continue;
    if (typeof version !== "string" || version.trim() === "") {
      return `${property}: the version of ${name} must be a non-empty string such as "^4.17.21"`;
    }
  }
  return undefined;
}

/** A dependency map as Twilio's list of `{name, version}`. */
export const dependencyList = (value: unknown): BuildDependency[] =>
  typeof value === "object" && value !== null
    ? Object.entries(value).map(([name, version]) => ({ name, version: String(version) }))
    : [];

const dependencies = given<Record<string, string>, Record<string, string>, true>({
  onChange: "replace",
  problem: dependenciesProblem,
  default: () => ({}),
  changed: (olds, value) => !sameJson(olds.dependencies ?? {}, value),
  param: "Dependencies",
  // Twilio takes the dependencies as one field holding a JSON array.
  encode: (value) => JSON.stringify(dependencyList(value)),
});

const runtime: Decoded<string, string, true> = {
  decode: (answer) => answer.string("runtime"),
  input: {
    onChange: "replace",
    // A newer Node.js line passes without a word: check can only refuse, so the resource warns of
    // it where the program runs, which has a log.
    problem: (_property, value) => (value === undefined || value === null ? undefined : runtimeProblem(value)),
    chosenByTwilioWhenUnset: true,
    param: "Runtime",
  },
};

// Builds with no version are refused by Twilio (400, 20001) only after the uploads; say it first.
function atLeastOneVersion(inputs: PropertyBag): { property: string; reason: string }[] {
  const lists = [inputs.functionVersions, inputs.assetVersions];
  if (lists.some((list) => !Array.isArray(list))) return [];
  if (lists.every((list) => Array.isArray(list) && list.length === 0)) {
    return [{ property: "functionVersions", reason: "a Build needs at least one Function Version or Asset Version" }];
  }
  return [];
}

/** What a Build is made of, and the rules its inputs follow. */
export const BUILD = describe({
  name: "Build",
  fields: {
    ...IDENTITY,
    /** The Service SID (`ZS…`). */
    serviceSid: sid("service_sid", "ZS"),
    /** Function Version SIDs (`ZN…`); the order does not matter. */
    functionVersions: versionList("function_versions"),
    /** Asset Version SIDs (`ZN…`); the order does not matter. At least one version in all is required. */
    assetVersions: versionList("asset_versions"),
    /** npm dependencies: package name to version, e.g. `{ lodash: "^4.17.21" }`. */
    dependencies,
    /** Its dependencies as Twilio reports them, with those it adds (`twilio`, `@twilio/runtime-handler`). */
    twilioDependencies: decoded((answer) =>
      answer.arrayOrNone("dependencies").map((item) => {
        const dependency = new JsonReader(item, "Build dependency");
        return { name: dependency.string("name"), version: dependency.string("version") };
      }),
    ),
    /**
     * The Node.js runtime Twilio offers (`node20`, `node22`, `node24`); left out, Twilio chooses (the
     * service's last, or its default). Any other is refused at preview, but a newer Node.js line
     * (`node26`) is sent with a warning, for when Twilio offers it before this package knows it does.
     */
    runtime,
    /** `completed` once created; `building` or `failed` after an interrupted wait (see `pulumi refresh`). */
    status: decoded(decodeStatus),
    ...CREATED,
    ...UPDATED_AND_URL,
  },
  together: atLeastOneVersion,
  unfinished: (olds) => {
    if (olds.status === "building") return { property: "status", onChange: "update" };
    if (olds.status === "failed") return { property: "status", onChange: "replace" };
    return undefined;
  },
  warn: (args) => newerRuntimeWarning(args.runtime),
});
