/** A JSON answer that does not have the shape the client relies on. */
class ShapeError extends Error {
  constructor(what: string, problem: string) {
    super(`unexpected ${what} from Twilio: ${problem}`);
    this.name = "ShapeError";
  }
}

/** Reads fields of a JSON object, failing with a precise message when one is missing or mistyped. */
export class JsonReader {
  private readonly record: Record<string, unknown>;

  constructor(
    value: unknown,
    private readonly what: string,
  ) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new ShapeError(what, `expected a JSON object, got ${value === null ? "null" : typeof value}`);
    }
    this.record = { ...value };
  }

  /** A required string field. */
  string(key: string): string {
    const value = this.record[key];
    if (typeof value !== "string")
      throw new ShapeError(this.what, `field "${key}" is ${describe(value)}, not a string`);
    return value;
  }

  /** A string field that may be absent or null. */
  optionalString(key: string): string | undefined {
    const value = this.record[key];
    if (value === undefined || value === null) return undefined;
    return this.string(key);
  }

  /** A required boolean field. */
  boolean(key: string): boolean {
    const value = this.record[key];
    if (typeof value !== "boolean")
      throw new ShapeError(this.what, `field "${key}" is ${describe(value)}, not a boolean`);
    return value;
  }

  /** A string field that may be null, as `null` (outputs are always defined). */
  nullableString(key: string): string | null {
    return this.optionalString(key) ?? null;
  }

  /** A required array field. */
  array(key: string): unknown[] {
    const value = this.record[key];
    if (!Array.isArray(value)) throw new ShapeError(this.what, `field "${key}" is ${describe(value)}, not an array`);
    return value;
  }

  /**
   * A list field Twilio's spec marks nullable, where `null` can only mean "none": it reads as an
   * empty array, so that callers need not tell the two apart. A missing field is still refused.
   */
  arrayOrNone(key: string): unknown[] {
    return this.record[key] === null ? [] : this.array(key);
  }

  /** A required nested object. */
  object(key: string): JsonReader {
    return new JsonReader(this.record[key], `${this.what} field "${key}"`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  return `a ${typeof value}`;
}
