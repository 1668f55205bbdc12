/**
 * After a 429, the bound grows again only once this many rounds' worth of requests have
 * succeeded: each probe above what the account allows costs a throttled request a `Retry-After`
 * wait, so probes are kept rare while the bound sits where requests are known to fit. Each probe
 * throttled in a row doubles the wait, up to {@link MAX_PROBE_COOLDOWN_ROUNDS}.
 */
export const PROBE_COOLDOWN_ROUNDS = 8;

/** The longest wait between probes, in rounds. */
export const MAX_PROBE_COOLDOWN_ROUNDS = 64;

/**
 * A counting semaphore with an adaptive bound: at most `limit` tasks run at once, the rest wait
 * in arrival order. One limiter is shared by every request of a process, so a `pulumi up` with
 * hundreds of resources never has more than `ceiling` requests in flight.
 *
 * Twilio rate-limits per account, and other deploys may share the budget, so a 429 means fewer
 * requests fit right now than configured. The bound then drops, once per round of requests: back
 * to the last bound a whole round succeeded at, when the 429 answered a probe above it, and to
 * half otherwise (as TCP does). It grows back by one for each `limit` successes, up to the
 * configured ceiling, after a cooldown of {@link PROBE_COOLDOWN_ROUNDS} rounds or more.
 */
export class Limiter {
  private active = 0;
  private current: number;
  private round = 0;
  private successes = 0;
  /** The highest bound a whole round succeeded at since the last halving; 0 when unknown. */
  private lastGood = 0;
  /** Successes of the current round needed before the bound grows. */
  private needed: number;
  /** Rounds to wait after the next drop. */
  private cooldown = PROBE_COOLDOWN_ROUNDS;
  private readonly waiting: Array<() => void> = [];

  constructor(private ceilingValue: number) {
    this.current = ceilingValue;
    this.needed = ceilingValue;
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
    this.lastGood = 0;
    this.cooldown = PROBE_COOLDOWN_ROUNDS;
    this.startRound(ceiling);
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

  /** A task that started in `round` was told to slow down: drop the bound, once per round. */
  overloaded(round: number): void {
    if (round !== this.round) return;
    let cooldown = PROBE_COOLDOWN_ROUNDS;
    if (this.lastGood > 0 && this.lastGood < this.current) {
      this.current = this.lastGood;
      this.cooldown = Math.min(MAX_PROBE_COOLDOWN_ROUNDS, this.cooldown * 2);
      cooldown = this.cooldown;
    } else {
      this.current = Math.max(1, Math.floor(this.current / 2));
      this.lastGood = 0;
      this.cooldown = PROBE_COOLDOWN_ROUNDS;
    }
    this.startRound(this.current * cooldown);
  }

  /** A task that started in `round` succeeded: after enough of them, allow one more in flight. */
  succeeded(round: number): void {
    if (round !== this.round || ++this.successes < this.needed) return;
    // A whole round above the last good bound: the probe that started it fitted.
    if (this.lastGood > 0 && this.current > this.lastGood) this.cooldown = PROBE_COOLDOWN_ROUNDS;
    this.lastGood = this.current;
    if (this.current >= this.ceilingValue) {
      // At the ceiling the round only records that this bound works, so a later 429 halves it.
      this.successes = 0;
      this.needed = this.current;
      return;
    }
    this.current++;
    this.startRound(this.current);
    this.drain();
  }

  private startRound(needed: number): void {
    this.round++;
    this.successes = 0;
    this.needed = needed;
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
