/**
 * A counting semaphore: at most `limit` tasks run at once, the rest wait in arrival order.
 * One limiter is shared by every request of a process, so a `pulumi up` with hundreds of
 * resources never opens more than `limit` connections to Twilio.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private limitValue: number) {}

  /** The current bound. */
  get limit(): number {
    return this.limitValue;
  }

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Changes the bound; raising it starts waiting tasks at once. */
  setLimit(limit: number): void {
    this.limitValue = limit;
    this.drain();
  }

  /** Runs `task` once a slot is free and frees the slot when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.active--;
      this.drain();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limitValue && this.waiting.length === 0) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private drain(): void {
    while (this.active < this.limitValue && this.waiting.length > 0) {
      this.active++;
      const next = this.waiting.shift();
      if (next) next();
    }
  }
}
