/**
 * The one way this package reads an error it did not make. Errors made by Node core and by axios
 * come from another realm under some hosts (jest's, a `vm` context's), whose `Error` prototype is
 * not this one, so a prototype check would call them not errors: their shape decides instead.
 */

/** What an error shows: its name, message, `code` and stack. */
export interface ErrorParts {
  name: string;
  message: string;
  /** Node's `code` (`ECONNRESET`, `ENOENT`) or a library's, when it has one. */
  code?: string | number;
  stack?: string;
}

/** The parts of anything with a string `message`, of any realm; `undefined` for anything else. */
export function errorParts(value: unknown): ErrorParts | undefined {
  if (typeof value !== "object" || value === null || !("message" in value) || typeof value.message !== "string") {
    return undefined;
  }
  const name = "name" in value ? value.name : undefined;
  const stack = "stack" in value ? value.stack : undefined;
  return {
    name: typeof name === "string" && name !== "" ? name : "Error",
    message: value.message,
    code: errorCode(value),
    stack: typeof stack === "string" ? stack : undefined,
  };
}

/** An error's message, or the value as text. */
export function messageOf(value: unknown): string {
  return errorParts(value)?.message ?? String(value);
}

/** An error's string or numeric `code` (`ENOENT`), of any realm; `undefined` when it has none. */
export function errorCode(value: unknown): string | number | undefined {
  if (typeof value !== "object" || value === null || !("code" in value)) return undefined;
  const { code } = value;
  return typeof code === "string" || typeof code === "number" ? code : undefined;
}
