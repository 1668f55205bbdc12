/** Why a text input is refused (required or not, at most `max` characters), or `undefined`. */
export function textProblem(
  property: string,
  value: unknown,
  options: { max: number; required: boolean; pattern?: { test: RegExp; says: string } },
): string | undefined {
  if (value === undefined || value === null || value === "") {
    return options.required ? `${property} is required` : undefined;
  }
  if (typeof value !== "string") return `${property} must be a string, not a ${typeof value}`;
  if (value.length > options.max) {
    return `${property} is ${value.length} characters long; Twilio allows at most ${options.max}`;
  }
  if (options.pattern !== undefined && !options.pattern.test.test(value)) {
    return `${property} ${JSON.stringify(value)} ${options.pattern.says}`;
  }
  return undefined;
}

/** Why a boolean input is refused, or `undefined`. */
export function booleanProblem(property: string, value: unknown): string | undefined {
  return typeof value === "boolean" ? undefined : `${property} must be true or false, not ${JSON.stringify(value)}`;
}
