import { mayHaveBeenProcessed } from "../errors";
import { BeforeResend } from "./retry";
import { TwilioRequest } from "./types";

/**
 * The lookup after a lost answer, hooked into the retry loop before each resend. Twilio has no
 * idempotency key: a create whose answer was lost (a dropped connection, a 5xx from a gateway in
 * front of a backend that went on) may have made its object, and sending it again would make a
 * second. So before a POST is sent again after such a failure, `findExisting` looks for what it
 * made; what it finds is the result. It does not run after a 429 or a connection never opened,
 * which Twilio did not process.
 *
 * A lookup that fails cannot tell whether Twilio made it, and sending again might make a second:
 * the request's failure stands. The caller's own recovery (`createOnce`) then looks once more, as
 * it does after the last attempt, which no resend follows.
 */
export function lookupBeforeResend<T>(
  request: TwilioRequest,
  findExisting: (() => Promise<T | undefined>) | undefined,
): BeforeResend<T> | undefined {
  if (findExisting === undefined || request.method !== "POST") return undefined;
  return async (failure) => {
    if (!mayHaveBeenProcessed(failure)) return undefined;
    const found = await findExisting().catch(() => {
      throw failure;
    });
    return found === undefined ? undefined : { value: found };
  };
}
