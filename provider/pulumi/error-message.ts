import { types } from "util";

/**
 * An error's message, or the value as text. Shape-based: errors made by Node core and by axios
 * come from another realm under some hosts (jest's), where a class check would say they are not errors.
 */
export function messageOf(err: unknown): string {
  return types.isNativeError(err) ? err.message : String(err);
}
