import crypto from "crypto";
import { SERVICE_UNIQUE_NAME, SERVICE_UNIQUE_NAME_REFUSED } from "../twilio/limits";

// Enough of a sha256 to keep apart the names that were changed or shortened into one.
const HASH_LENGTH = 8;
// The stack part keeps at most this much of a long stack name, so that the package part stays readable.
const STACK_ROOM = 20;

/**
 * The unique name of the Service a stack creates when the program gives none:
 * `<package name>-<stack>`, so that two stacks of one program (`dev`, `staging`) never claim the
 * same name, which Twilio refuses (409) since unique names are unique in the account. Twilio
 * allows 50 letters, digits and dashes: a stack name's other characters (`.`, `_`) become dashes,
 * the package part is shortened to fit, and a name that had to change either way ends with a hash
 * of the full one, so that it stays apart from every other. The package name must already be a
 * valid unique name.
 */
export function defaultServiceName(packageName: string, stack: string): string {
  const full = `${packageName}-${stack}`;
  if (full.length <= SERVICE_UNIQUE_NAME.max && SERVICE_UNIQUE_NAME.pattern.test.test(full)) return full;
  const hash = crypto.createHash("sha256").update(full).digest("hex").slice(0, HASH_LENGTH);
  const stackPart = stack.replace(SERVICE_UNIQUE_NAME_REFUSED, "-").slice(0, STACK_ROOM);
  const packagePart = packageName.slice(0, SERVICE_UNIQUE_NAME.max - stackPart.length - hash.length - 2);
  return `${packagePart}-${stackPart}-${hash}`;
}
