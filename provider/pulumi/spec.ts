import { CheckContext, Description, Fields, InputRule } from "../model/field";
import { unknownPropertyReason } from "./known-properties";
import { PropertyBag, isUnknown, sameJson } from "../model/wire";

export { sameJson };

/** A property and why its value is refused, as the engine prints it. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** The inputs of a description, by name. */
const inputsOf = (description: Description<Fields>): [string, InputRule][] =>
  Object.entries(description.fields).flatMap(([name, field]) =>
    field.input === undefined ? [] : [[name, field.input]],
  );

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
  spec: Description<Fields>,
  news: PropertyBag,
  context: CheckContext,
): { inputs: PropertyBag; failures: CheckFailure[] } {
  const failures: CheckFailure[] = [];
  const inputs: PropertyBag = { ...news };
  const rules = inputsOf(spec);
  const names = rules.map(([name]) => name);
  for (const key of Object.keys(news)) {
    if (key !== PROVIDER_KEY && !names.includes(key)) {
      failures.push({
        property: key,
        reason: `${unknownPropertyReason(key, names)}; ${spec.name} takes ${names.join(", ")}`,
      });
    }
  }
  for (const [key, input] of rules) {
    const value = news[key];
    if (isUnknown(value)) continue;
    if (isMissing(value) && input.default !== undefined) {
      const fallback = input.default(news);
      if (fallback !== undefined) inputs[key] = fallback;
      continue;
    }
    const reason = input.problem?.(key, value, context);
    if (reason !== undefined) failures.push({ property: key, reason });
    else if (input.normalize !== undefined && !isMissing(value)) inputs[key] = input.normalize(value);
  }
  if (failures.length === 0 && spec.together !== undefined) failures.push(...spec.together(inputs, context));
  return { inputs, failures };
}

/** The inputs whose new value differs from what the old outputs hold, by what a change does. */
export function changedInputs(
  spec: Description<Fields>,
  olds: PropertyBag,
  news: PropertyBag,
  context: CheckContext,
): { replaces: string[]; updates: string[] } {
  const replaces: string[] = [];
  const updates: string[] = [];
  for (const [key, input] of inputsOf(spec)) {
    const value = news[key];
    if (isMissing(value) && input.chosenByTwilioWhenUnset) continue;
    const changed =
      isUnknown(value) ||
      (input.changed !== undefined ? input.changed(olds, value, context, key) : !sameJson(olds[key], value));
    if (changed) (input.onChange === "replace" ? replaces : updates).push(key);
  }
  return { replaces, updates };
}

/**
 * Compares old outputs (which hold every input as it was given) with new checked inputs, naming
 * each changed property and whether it forces a replacement. `__provider` is never compared, so
 * that upgrading this package changes nothing.
 */
export function diffInputs(
  spec: Description<Fields>,
  olds: PropertyBag,
  news: PropertyBag,
  context: CheckContext,
): SpecDiff {
  const { replaces, updates } = changedInputs(spec, olds, news, context);
  const unfinished = spec.unfinished?.(olds);
  if (unfinished !== undefined) (unfinished.onChange === "replace" ? replaces : updates).push(unfinished.property);
  const deleteBeforeReplace = replaces.length > 0 && (spec.deleteBeforeReplace?.(olds, news, replaces) ?? false);
  return { changes: replaces.length + updates.length > 0, replaces, deleteBeforeReplace };
}
