const SID_KINDS: Partial<Record<string, string>> = {
  AC: "an Account SID",
  SK: "an API Key SID",
  ZS: "a Service SID",
  ZH: "a Function or Asset SID",
  ZN: "a Function Version or Asset Version SID",
  ZB: "a Build SID",
  ZE: "an Environment SID",
  ZD: "a Deployment SID",
  ZV: "a Variable SID",
};

/**
 * Why `value` is not a SID with `prefix` (two letters and 32 hex digits), or `undefined` if it is.
 * The reason names what the value looks like instead, since a SID of the wrong kind is the usual slip.
 */
export function sidProblem(property: string, value: unknown, prefix: string): string | undefined {
  const wanted = `${SID_KINDS[prefix] ?? `a ${prefix} SID`} ("${prefix}" followed by 32 hex digits)`;
  if (value === undefined || value === null || value === "") return `${property} is required: ${wanted}`;
  if (typeof value !== "string") return `${property} must be ${wanted}, not a ${typeof value}`;
  if (/^[A-Za-z]{2}[0-9a-fA-F]{32}$/.test(value) && value.slice(0, 2).toUpperCase() === prefix) {
    return value.startsWith(prefix) ? undefined : `${property} must start with uppercase "${prefix}", got "${value}"`;
  }
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  const otherKind = SID_KINDS[value.slice(0, 2)];
  if (otherKind !== undefined && value.slice(0, 2) !== prefix) {
    return `${property} must be ${wanted}, but ${shown} looks like ${otherKind}`;
  }
  if (value !== value.trim()) return `${property} has leading or trailing whitespace: ${shown}`;
  if (!value.startsWith(prefix)) return `${property} must be ${wanted}; ${shown} does not start with "${prefix}"`;
  const digits = value.slice(2);
  if (/[^0-9a-fA-F]/.test(digits))
    return `${property} must be ${wanted}; ${shown} has characters that are not hex digits`;
  return `${property} must be ${wanted}; ${shown} has ${digits.length} hex digits instead of 32`;
}

/** True when both are the same SID, whatever the case of their hex digits. */
export const sameSid = (a: unknown, b: unknown): boolean =>
  typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
