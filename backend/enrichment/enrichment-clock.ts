/**
 * Time for the enrichment service's retries: the real clock in every host, and a clock a test
 * can move, so "a registry down for a minute" takes a minute of the service's time and not of
 * the test's.
 */
export interface EnrichmentClock {
  now(): number;
  /** Calls `run` after `ms`; the returned function cancels it. */
  schedule(ms: number, run: () => void): () => void;
}

export const realClock: EnrichmentClock = {
  now: () => Date.now(),
  schedule(ms, run) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * The delays between attempts: quick at first, because a registry that blinks should still
 * get the number well within 30 s, then every 15 s while the number is held.
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

/** How long the service holds a number for retries: Vipps's own access-token lifetime. */
export const DEFAULT_HOLD_MS = 10 * 60_000;

/** A write not done this long after the login raises an alert (story 3: within 30 s). */
export const LATE_WRITE_MS = 30_000;

export function retryDelay(delays: readonly number[], failures: number): number {
  return delays[Math.min(failures - 1, delays.length - 1)] ?? 15_000;
}
