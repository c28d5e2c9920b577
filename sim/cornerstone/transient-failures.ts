import { mixSeed, mulberry32 } from './prng.ts';
import type { Rng } from '../shared/synthetic-fnr.ts';

export type TransientFailure = { kind: 'unavailable' } | { kind: 'rate_limited'; retryAfterSeconds: number } | { kind: 'reset' };

const transientSalt = 0x7a11ed;

/**
 * A share of data requests that fail the way a busy vendor fails now and then: 503, 429 with
 * Retry-After, or a cut connection. Drawn from a generator seeded by the simulator's seed, so the
 * same sequence of requests meets the same failures on every run.
 */
export class TransientFailurePlan {
  readonly #rng: Rng;
  #rate = 0;

  constructor(seed: number) {
    this.#rng = mulberry32(mixSeed(seed, transientSalt));
  }

  setRate(rate: number): void {
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new RangeError(`transient failure rate must be from 0 to 1, got ${rate}`);
    this.#rate = rate;
  }

  /** Whether this request fails, and how. Draws nothing while the rate is 0, so turning it on later repeats too. */
  draw(): TransientFailure | null {
    if (this.#rate === 0 || this.#rng() >= this.#rate) return null;
    const kind = Math.floor(this.#rng() * 3);
    if (kind === 0) return { kind: 'unavailable' };
    if (kind === 1) return { kind: 'rate_limited', retryAfterSeconds: 1 };
    return { kind: 'reset' };
  }
}
