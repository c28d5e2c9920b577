import type { MalformedBody } from './fault-queue.ts';

/**
 * The levers both registry simulators (Cornerstone, Consio) offer, so reliability tests and
 * benchmarks can drive either one the same way. Each simulator adds levers of its own.
 */
export interface EvolvePlan {
  /** New members, appended after the existing ones. */
  joins?: number;
  /** Active members whose membership lapses (the system's own "lapsed" status). */
  lapses?: number;
  /** Members who gain or lose a role. */
  roleChanges?: number;
  /** Members who move to another local chapter (affiliation). */
  chapterMoves?: number;
  /** Members whose email or phone changes. */
  contactChanges?: number;
  /** Members deleted from the registry altogether. */
  removals?: number;
}

export interface EvolveResult {
  /** External ids created or changed, in the order the changes were made. */
  changed: string[];
  /** External ids deleted. */
  removed: string[];
}

export interface RegistrySimLevers {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The next `count` data requests get a 200 with an HTML page or a JSON body of the wrong shape. */
  malformedNext(count: number, body: MalformedBody): void;
  /** While down, every connection is reset as soon as it opens. */
  setDown(down: boolean): void;
  /** Delay before every response. */
  setLatency(ms: number): void;
  /** Invalidates every issued token, as a credential change or vendor restart would. */
  revokeTokens(): void;
  /** Clears queued faults, down, latency, the transient failure rate and the rate limit. */
  resetFaults(): void;
  /**
   * Fraction (0–1) of data requests that fail transiently: 503, or 429 with Retry-After, or a
   * reset connection. Drawn from a PRNG seeded by the simulator's seed, so a run repeats.
   */
  setTransientFailureRate(rate: number): void;
  /** At most `requestsPerSecond` data requests per second; beyond that 429 with Retry-After. Null turns it off. */
  setRateLimit(limit: { requestsPerSecond: number } | null): void;
  /**
   * Fraction (0–1) of members served in a form our canonical model must reject (a missing
   * last name, an impossible date, an unknown status). Chosen by member, deterministically, so
   * the same members are invalid on every page and every run.
   */
  setInvalidRecordRate(rate: number): void;
  isInvalidRecord(externalId: string): boolean;
  /** Changes members the way a registry changes over time; each change moves the record's updated-at to now. */
  evolve(plan: EvolvePlan): EvolveResult;
  /** Every member the registry holds now, exactly as its API would serve it (tests compare against this). */
  records(): Iterable<unknown>;
  close(): Promise<void>;
}
