import { runtimeProblem } from "../../pulumi/runtimes";
import { sidInput, sidProblem } from "../../pulumi/sids";
import { CheckFailure, InputSpec, ResourceSpec, sameJson } from "../../pulumi/spec";
import { PropertyBag, isBag, isUnknown } from "../../pulumi/wire";

// An npm package name, scoped or not, as npm accepts it.
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

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

/** Version lists compare as sets: Twilio keeps no order, and none matters. */
function versionList(property: string): InputSpec {
  return {
    onChange: "replace",
    problem: (value) => versionListProblem(property, value),
    default: () => [],
    changed: (olds, value) => {
      const old = olds[property];
      if (!Array.isArray(value) || !Array.isArray(old) || value.some(isUnknown)) return true;
      const oldSet = new Set(old.map((sid) => String(sid).toLowerCase()));
      const newSet = new Set(value.map((sid) => String(sid).toLowerCase()));
      return oldSet.size !== newSet.size || [...newSet].some((sid) => !oldSet.has(sid));
    },
  };
}

function dependenciesProblem(value: unknown): string | undefined {
  if (!isBag(value)) return `dependencies must be a map of npm package names to versions, not a ${typeof value}`;
  for (const [name, version] of Object.entries(value)) {
    if (!PACKAGE_NAME.test(name)) return `dependencies: ${JSON.stringify(name)} is not an npm package name`;
    if (isUnknown(version)) continue;
    if (typeof version !== "string" || version.trim() === "") {
      return `dependencies: the version of ${name} must be a non-empty string such as "^4.17.21"`;
    }
  }
  return undefined;
}

// Builds with no version are refused by Twilio (400, 20001) only after the uploads; say it first.
function atLeastOneVersion(inputs: PropertyBag): CheckFailure[] {
  const lists = [inputs.functionVersions, inputs.assetVersions];
  if (lists.some((list) => !Array.isArray(list))) return [];
  if (lists.every((list) => Array.isArray(list) && list.length === 0)) {
    return [{ property: "functionVersions", reason: "a Build needs at least one Function Version or Asset Version" }];
  }
  return [];
}

/** A Build's inputs: Twilio has no update, so every change makes a new build. */
export const BUILD_SPEC: ResourceSpec = {
  name: "Build",
  inputs: {
    serviceSid: sidInput("serviceSid", "ZS", "replace"),
    functionVersions: versionList("functionVersions"),
    assetVersions: versionList("assetVersions"),
    dependencies: {
      onChange: "replace",
      problem: dependenciesProblem,
      default: () => ({}),
      changed: (olds, value) => !sameJson(olds.dependencies ?? {}, value),
    },
    runtime: {
      onChange: "replace",
      // A newer Node.js line passes without a word: check can only refuse, so the Build resource
      // warns of it where the program runs, which has a log.
      problem: (value) => (value === undefined || value === null ? undefined : runtimeProblem(value)),
      chosenByTwilioWhenUnset: true,
    },
  },
  together: atLeastOneVersion,
  unfinished: (olds) => {
    if (olds.status === "building") return { property: "status", onChange: "update" };
    if (olds.status === "failed") return { property: "status", onChange: "replace" };
    return undefined;
  },
};
