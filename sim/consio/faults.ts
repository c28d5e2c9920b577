import { mulberry32 } from '../cornerstone/prng.ts';
import { checkFaultStatus, FaultQueue, type MalformedBody } from '../shared/fault-queue.ts';
import type { Rng } from '../shared/synthetic-fnr.ts';
import { TokenBucket } from './rate-limit.ts';

/**
 * Injectable failures, so tests exercise the adapter against the failures a real vendor API has.
 * All of them apply to data requests (`/api/v2/*`), never to the token endpoint.
 */
export type { MalformedBody };

/** Consio sends Retry-After as an HTTP-date; a proxy in front of it may send seconds. */
export type RetryAfterFormat = 'http-date' | 'seconds';

export interface FailNextOptions {
  /** 429 gets 1 second unless told otherwise; other statuses send none unless told. */
  retryAfterSeconds?: number;
  /** Default `http-date`. */
  retryAfterFormat?: RetryAfterFormat;
}

export type StatusFault = { kind: 'status'; status: number; retryAfter: { seconds: number; format: RetryAfterFormat } | null };

export type QueuedFault = StatusFault | { kind: 'malformed'; body: MalformedBody };

/** What the transient-failure lever decided for one request. */
export type TransientFailure = 'unavailable' | 'rate_limited' | 'connection_reset';
const transientKinds: readonly TransientFailure[] = ['unavailable', 'rate_limited', 'connection_reset'];

// Its own stream, so transient failures repeat per seed whatever else draws numbers.
const transientSalt = 0x7a_11_0f_f5;

export class ConsioFaultPlan extends FaultQueue<QueuedFault> {
  readonly #seed: number;
  #transientRate = 0;
  #transientRng: Rng;
  #bucket: TokenBucket | null = null;

  constructor(seed: number) {
    super();
    this.#seed = seed;
    this.#transientRng = mulberry32(seed ^ transientSalt);
  }

  failNext(count: number, status: number, options: FailNextOptions = {}): void {
    checkFaultStatus(status);
    const seconds = options.retryAfterSeconds ?? (status === 429 ? 1 : null);
    const retryAfter = seconds === null ? null : { seconds, format: options.retryAfterFormat ?? 'http-date' };
    this.enqueue(count, { kind: 'status', status, retryAfter });
  }

  malformedNext(count: number, body: MalformedBody): void {
    this.enqueue(count, { kind: 'malformed', body });
  }

  /** Restarts the seeded sequence, so a run that sets the rate and then makes the same requests sees the same failures. */
  setTransientFailureRate(rate: number): void {
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new RangeError(`transient failure rate must be 0–1, got ${rate}`);
    this.#transientRate = rate;
    this.#transientRng = mulberry32(this.#seed ^ transientSalt);
  }

  setRateLimit(limit: { requestsPerSecond: number } | null): void {
    this.#bucket = limit === null ? null : new TokenBucket(limit.requestsPerSecond);
  }

  /** Ms to wait when the rate limit refuses this request; null when it may pass. */
  rateLimitWaitMs(): number | null {
    if (this.#bucket === null) return null;
    const taken = this.#bucket.take();
    return taken.allowed ? null : taken.waitMs;
  }

  drawTransient(): TransientFailure | null {
    if (this.#transientRate === 0) return null;
    // Two draws always, so the sequence does not depend on which requests failed.
    const fails = this.#transientRng() < this.#transientRate;
    const kind = transientKinds[Math.floor(this.#transientRng() * transientKinds.length)] ?? 'unavailable';
    return fails ? kind : null;
  }

  /** Clears queued faults, down, latency, the transient failure rate and the rate limit. */
  override clear(): void {
    super.clear();
    this.setTransientFailureRate(0);
    this.#bucket = null;
  }
}
