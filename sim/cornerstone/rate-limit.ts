/**
 * A token bucket, as API gateways limit clients: `requestsPerSecond` tokens a second, and a
 * burst of as many. The clock is injectable so its arithmetic can be tested without waiting.
 */
export class TokenBucket {
  readonly #ratePerMs: number;
  readonly #capacity: number;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;

  constructor(requestsPerSecond: number, now: () => number = () => performance.now()) {
    if (!Number.isFinite(requestsPerSecond) || requestsPerSecond <= 0) {
      throw new RangeError(`requestsPerSecond must be > 0, got ${requestsPerSecond}`);
    }
    this.#ratePerMs = requestsPerSecond / 1000;
    this.#capacity = Math.max(1, requestsPerSecond);
    this.#now = now;
    this.#tokens = this.#capacity;
    this.#updatedAt = now();
  }

  /** Takes a token, or says in whole seconds (at least 1) when the next one will be there. */
  take(): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#updatedAt) * this.#ratePerMs);
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { allowed: true };
    }
    const waitMs = (1 - this.#tokens) / this.#ratePerMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}

/** The simulator's rate limit: off, or one bucket shared by every client, as a vendor limits per tenant. */
export class RateLimitPlan {
  #bucket: TokenBucket | null = null;

  set(limit: { requestsPerSecond: number } | null): void {
    this.#bucket = limit === null ? null : new TokenBucket(limit.requestsPerSecond);
  }

  take(): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    return this.#bucket === null ? { allowed: true } : this.#bucket.take();
  }
}
