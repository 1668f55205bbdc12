import { invalid, refuse } from "../answers";

/** A required text field of at most `max` characters; an empty one counts as missing. */
export function requiredText(form: URLSearchParams, name: string, max = Infinity): string {
  const value = form.get(name);
  if (value === null || value === "") refuse(invalid(`Missing required parameter ${name} in the post body`));
  return checkedLength(name, value, max);
}

/** An optional text field of at most `max` characters; `undefined` when absent or empty. */
export function optionalText(form: URLSearchParams, name: string, max: number): string | undefined {
  const value = form.get(name);
  return value === null || value === "" ? undefined : checkedLength(name, value, max);
}

function checkedLength(name: string, value: string, max: number): string {
  if (value.length > max) refuse(invalid(`${name} must be at most ${max} characters`));
  return value;
}

/** An optional boolean field, `true` or `false` in any case. */
export function optionalBoolean(form: URLSearchParams, name: string): boolean | undefined {
  const value = form.get(name);
  if (value === null) return undefined;
  const lower = value.toLowerCase();
  if (lower !== "true" && lower !== "false") refuse(invalid(`${name} must be true or false, got ${value}`));
  return lower === "true";
}
