/**
 * A counting semaphore with an adaptive bound: at most `limit` tasks run at once, the rest wait
 * in arrival order. One limiter is shared by every request of a process, so a `pulumi up` with
 * hundreds of resources never has more than `ceiling` requests in flight.
 *
 * Twilio rate-limits per account, and other deploys may share the budget, so a 429 means fewer
 * requests fit right now than configured. The bound then halves (once per round of requests, as
 * TCP does) and grows back by one for each `limit` successes, up to the configured ceiling.
 */
export class Limiter {
  private active = 0;
  private current: number;
  private round = 0;
  private successes = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private ceilingValue: number) {
    this.current = ceilingValue;
  }

  /** The bound in force now. */
  get limit(): number {
    return this.current;
  }

  /** The configured maximum the bound grows back to. */
  get ceiling(): number {
    return this.ceilingValue;
  }

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Sets the configured maximum; an unchanged one keeps what 429s have taught the limiter. */
  setCeiling(ceiling: number): void {
    if (ceiling === this.ceilingValue) return;
    this.ceilingValue = ceiling;
    this.current = ceiling;
    this.round++;
    this.drain();
  }

  /**
   * Runs `task` once a slot is free and frees the slot when it settles. The task receives the
   * round it started in, to report back with {@link overloaded} or {@link succeeded}.
   */
  async run<T>(task: (round: number) => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task(this.round);
    } finally {
      this.active--;
      this.drain();
    }
  }

  /** A task that started in `round` was told to slow down: halve the bound, once per round. */
  overloaded(round: number): void {
    if (round !== this.round) return;
    this.current = Math.max(1, Math.floor(this.current / 2));
    this.round++;
    this.successes = 0;
  }

  /** A task that started in `round` succeeded: after `limit` of them, allow one more in flight. */
  succeeded(round: number): void {
    if (round !== this.round || this.current >= this.ceilingValue) return;
    if (++this.successes >= this.current) {
      this.current++;
      this.round++;
      this.successes = 0;
      this.drain();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.current && this.waiting.length === 0) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private drain(): void {
    while (this.active < this.current && this.waiting.length > 0) {
      this.active++;
      const next = this.waiting.shift();
      if (next) next();
    }
  }
}
