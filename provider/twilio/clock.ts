/**
 * Twilio's clock as the `Date` headers of its answers show it. A lost create is recognised by
 * when Twilio dated what it made; comparing that with the local clock would trust two clocks that
 * may be minutes apart.
 */
export class TwilioClock {
  private offsetMs: number | undefined;

  /** `now` is the local clock, `Date.now` unless a test drives it. */
  constructor(readonly now: () => number = Date.now) {}

  /**
   * Records an answer's `Date` header, received now. The header has whole seconds, truncated, so
   * Twilio's time then lay within the second it names: its middle is the estimate, within half a
   * second plus the answer's time on the wire.
   */
  observe(dateHeader: unknown): void {
    if (typeof dateHeader !== "string") return;
    const twilioTime = Date.parse(dateHeader);
    if (Number.isNaN(twilioTime)) return;
    this.offsetMs = twilioTime + 500 - this.now();
  }

  /** Twilio's time at local time `localMs`, or `undefined` before any dated answer. */
  at(localMs: number): number | undefined {
    return this.offsetMs === undefined ? undefined : localMs + this.offsetMs;
  }
}
