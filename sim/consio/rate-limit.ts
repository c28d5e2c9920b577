/**
 * A token bucket: bursts up to one second's allowance, refilled continuously. Consio's gateway
 * counts data requests only; logins are limited separately (not simulated).
 */
export class TokenBucket {
  readonly #ratePerMs: number;
  readonly #capacity: number;
  #tokens: number;
  #refilledAt: number;

  constructor(requestsPerSecond: number, now: number = Date.now()) {
    if (!Number.isFinite(requestsPerSecond) || requestsPerSecond <= 0) {
      throw new RangeError(`requestsPerSecond must be above 0, got ${requestsPerSecond}`);
    }
    this.#ratePerMs = requestsPerSecond / 1000;
    this.#capacity = Math.max(1, requestsPerSecond);
    this.#tokens = this.#capacity;
    this.#refilledAt = now;
  }

  /** Takes a token, or says how many ms until one is available. */
  take(now: number = Date.now()): { allowed: true } | { allowed: false; waitMs: number } {
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#refilledAt) * this.#ratePerMs);
    this.#refilledAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, waitMs: Math.ceil((1 - this.#tokens) / this.#ratePerMs) };
  }
}
