import { unknownPropertyReason } from "./known-properties";
import { PropertyBag, isBag, isUnknown } from "./wire";

/** A property and why its value is refused, as the engine prints it. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** What `check` and `diff` may need besides the values: where relative file paths start. */
export interface SpecContext {
  programDir: string;
}

/** How one input is checked, defaulted, normalised and compared. */
export interface InputSpec {
  /** What a change of this input does: a new resource, or a change Twilio applies in place. */
  onChange: "replace" | "update";
  /** Why a known value is refused, or `undefined`; `undefined` and `null` reach it only when there is no default. */
  problem?: (value: unknown, context: SpecContext) => string | undefined;
  /** The value stored when the input is left out; without one it stays out. */
  default?: (news: PropertyBag) => unknown;
  /** The value as Twilio stores it (`hello` as `/hello`), applied to accepted values. */
  normalize?: (value: unknown) => unknown;
  /**
   * Whether the new value differs from what the old outputs hold; the default compares the old
   * output of the same name with the new value, as JSON.
   */
  changed?: (olds: PropertyBag, value: unknown, context: SpecContext) => boolean;
  /**
   * Left out, the input never differs from what Twilio chose for it (a `runtime` Twilio picked):
   * only a value the user gives is compared.
   */
  chosenByTwilioWhenUnset?: boolean;
}

/** The inputs of one resource kind, in the order failures and replacements are reported. */
export interface ResourceSpec {
  /** The resource's name as users know it (`Service`, `FunctionVersion`). */
  name: string;
  inputs: Record<string, InputSpec>;
  /**
   * Whether a replacement must delete the old resource first (a unique name that the new one
   * keeps), given the properties that force it.
   */
  deleteBeforeReplace?: (olds: PropertyBag, news: PropertyBag, replaces: string[]) => boolean;
  /**
   * Work left from an earlier run that the next `pulumi up` must do although no input changed (a
   * build still building: an update finishes the wait; a failed one: a replacement), named by the
   * output that shows it.
   */
  unfinished?: (olds: PropertyBag) => { property: string; onChange: "replace" | "update" } | undefined;
  /** Failures that involve several inputs, run once every input passed on its own. */
  together?: (inputs: PropertyBag, context: SpecContext) => CheckFailure[];
}

/** What the engine needs from a diff. */
export interface SpecDiff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

const PROVIDER_KEY = "__provider";
const isMissing = (value: unknown): boolean => value === undefined || value === null;

/**
 * Validates and normalises inputs without any request: unknown property names, each known value's
 * problem, defaults for what is left out. Values still unknown in a preview pass through unjudged.
 */
export function checkInputs(
  spec: ResourceSpec,
  news: PropertyBag,
  context: SpecContext,
): { inputs: PropertyBag; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  const inputs: PropertyBag = { ...news };
  const names = Object.keys(spec.inputs);
  for (const key of Object.keys(news)) {
    if (key !== PROVIDER_KEY && !names.includes(key)) {
      failures.push({
        property: key,
        reason: `${unknownPropertyReason(key, names)}; ${spec.name} takes ${names.join(", ")}`,
      });
    }
  }
  for (const [key, input] of Object.entries(spec.inputs)) {
    const value = news[key];
    if (isUnknown(value)) continue;
    if (isMissing(value) && input.default !== undefined) {
      const fallback = input.default(news);
      if (fallback !== undefined) inputs[key] = fallback;
      continue;
    }
    const reason = input.problem?.(value, context);
    if (reason !== undefined) failures.push({ property: key, reason });
    else if (input.normalize !== undefined && !isMissing(value)) inputs[key] = input.normalize(value);
  }
  if (failures.length === 0 && spec.together !== undefined) failures.push(...spec.together(inputs, context));
  return { inputs, failures };
}

/**
 * Compares old outputs (which hold every input as it was given) with new checked inputs, naming
 * each changed property and whether it forces a replacement. `__provider` is never compared, so
 * that upgrading this package changes nothing.
 */
export function diffInputs(spec: ResourceSpec, olds: PropertyBag, news: PropertyBag, context: SpecContext): SpecDiff {
  const replaces: string[] = [];
  const updates: string[] = [];
  for (const [key, input] of Object.entries(spec.inputs)) {
    const value = news[key];
    if (isMissing(value) && input.chosenByTwilioWhenUnset) continue;
    const changed =
      isUnknown(value) ||
      (input.changed !== undefined ? input.changed(olds, value, context) : !sameJson(olds[key], value));
    if (changed) (input.onChange === "replace" ? replaces : updates).push(key);
  }
  const unfinished = spec.unfinished?.(olds);
  if (unfinished !== undefined) (unfinished.onChange === "replace" ? replaces : updates).push(unfinished.property);
  const deleteBeforeReplace = replaces.length > 0 && (spec.deleteBeforeReplace?.(olds, news, replaces) ?? false);
  return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace };
}

/** Equality of JSON values, with `undefined` and `null` alike and object keys in any order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (isMissing(a) || isMissing(b)) return isMissing(a) && isMissing(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (isBag(a) && isBag(b)) {
    const left = Object.entries(a).filter(([, v]) => !isMissing(v));
    const right = new Map(Object.entries(b).filter(([, v]) => !isMissing(v)));
    return left.length === right.size && left.every(([k, v]) => right.has(k) && sameJson(v, right.get(k)));
  }
  return a === b;
}
