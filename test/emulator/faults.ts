import { decodeBasic } from "./basic-auth";

/** Which of the two hosts a request reached. */
export type Host = "api" | "upload";

/** What the emulator does instead of (or on top of) answering normally. */
export type FaultAction =
  /**
   * Answers with this status; a Twilio JSON error body unless `body` is given. With `early`, the
   * answer goes out before the request body is read, as a server refusing a large upload does;
   * with `processed`, only after the request was processed (an upload creates its version), as a
   * gateway timing out in front of a slow backend does.
   */
  | { kind: "status"; status: number; retryAfter?: string; body?: string; early?: boolean; processed?: boolean }
  /**
   * Closes the connection once the request has arrived, without answering; with `processed`,
   * only after the request was processed, as a connection lost on the way back does.
   */
  | { kind: "drop"; processed?: boolean }
  /** Closes the connection after the first chunk of the request body. */
  | { kind: "dropMidUpload" }
  /** Waits this long before answering normally; with `processed`, after processing the request. */
  | { kind: "delay"; ms: number; processed?: boolean }
  /** Processes the request (an upload creates its version), then sends half of the JSON answer. */
  | { kind: "truncate" }
  /** Processes the request, then answers 200 with an HTML page instead of JSON. */
  | { kind: "nonJson" }
  /**
   * Sends the request's credentials back, as a careless proxy or debugging API would: the text of
   * {@link credentialEcho}. `body`: in the body of an answer with this status, Twilio's JSON error
   * (the echo as its `message`, the password in `more_info`) or, with `json: false`, an HTML page
   * with `pad` characters before the echo. `header`: in an `X-Debug-Authorization` header of a
   * Twilio error answer with this status or, without one, of the normal answer. `network`: as a
   * line that is not HTTP, after which the connection closes, so the client's HTTP parser fails
   * on bytes holding them. `aborted`: in that header and the start of a 200 answer's body, cut off
   * by closing the connection.
   */
  | { kind: "echo"; where: "body"; status: number; json?: boolean; pad?: number }
  | { kind: "echo"; where: "header"; status?: number }
  | { kind: "echo"; where: "network" | "aborted" };

/**
 * What an echo fault sends back for a request with this `Authorization` header: the header, the
 * decoded `user:password`, the password alone and the emulator's account SID.
 */
export function credentialEcho(authorization: string, accountSid: string): string {
  const basic = decodeBasic(authorization);
  const decoded = basic === undefined ? "" : `${basic.user}:${basic.password}`;
  return `Authorization: ${authorization}; credentials: ${decoded}; password: ${basic?.password ?? ""}; account: ${accountSid}`;
}

/** A fault applied to the next matching requests. */
export interface FaultRule {
  host?: Host;
  method?: string;
  /** Matched against the path without query string. */
  path?: RegExp;
  /** How many matching requests it applies to (default 1). */
  times?: number;
  action: FaultAction;
}

/** Answers 429 with `Retry-After` to requests beyond `maxInFlight` in flight. */
export interface ConcurrencyGate {
  maxInFlight: number;
  retryAfter?: string;
}

/** The emulator's fault injection controls. */
export class Faults {
  private rules: Array<FaultRule & { left: number }> = [];
  /** Added before every processed answer, in milliseconds. */
  latencyMs = 0;
  gate: ConcurrencyGate | undefined;

  /** Adds a rule; rules apply in the order added. */
  add(rule: FaultRule): this {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
    return this;
  }

  /** Removes every rule, the latency and the gate. */
  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
    this.gate = undefined;
  }

  /** Takes the first rule matching the request, consuming one of its uses. */
  take(host: Host, method: string, path: string): FaultAction | undefined {
    const rule = this.rules.find(
      (r) =>
        r.left > 0 &&
        (r.host === undefined || r.host === host) &&
        (r.method === undefined || r.method === method) &&
        (r.path === undefined || r.path.test(path)),
    );
    if (!rule) return undefined;
    rule.left--;
    return rule.action;
  }
}
