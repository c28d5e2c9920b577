/**
 * How much CPU one `sync-worker` invocation may spend, and whether the next slice still fits.
 *
 * Supabase ends an Edge Function request that uses 2 s of CPU (async I/O excluded) without
 * warning, mid-slice. So the worker keeps its own count and starts no slice that its measured
 * cost per slice would take past its budget; it hands the job back at its checkpoint instead.
 */

/** CPU milliseconds this process has used so far (user + system). */
export type CpuClock = () => number;

/**
 * Well inside Supabase's 2 s: the rest is for the isolate's start-up, the answer and the last
 * slice's commit, and for a slice that costs more than the largest one measured so far.
 */
export const DEFAULT_CPU_BUDGET_MS = 1_500;
/** Supabase's own limit: a budget above it would only be met by the platform's kill. */
export const MAX_CPU_BUDGET_MS = 2_000;

/** Node's (and Deno's node:process) clock, where there is one. */
export function processCpuClock(): CpuClock | null {
  const usage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage;
  if (typeof usage !== 'function') return null;
  return () => {
    const { user, system } = usage();
    return (user + system) / 1000;
  };
}

export interface CpuBudget {
  /** CPU used since the budget began. */
  usedMs(): number;
  /**
   * Marks the end of one page cycle. Call when a page has arrived: the CPU since the previous
   * mark (or since `begin`) is what one slice costs.
   */
  lap(): void;
  /** A job starts a new series of laps (its own first page). */
  restartLaps(): void;
  /**
   * Whether `slices` more slices fit. Before any slice has been measured, whatever is left of
   * the budget counts as room.
   */
  hasRoomFor(slices: number): boolean;
}

/** A budget of `limitMs` of CPU from now, measured by `clock`. */
export function createCpuBudget(clock: CpuClock, limitMs: number): CpuBudget {
  const begin = clock();
  let lastMark = begin;
  // The largest CPU cost of one page cycle (a page fetched, parsed, reconciled and written) so far.
  let largest: number | null = null;
  return {
    usedMs: () => clock() - begin,
    lap() {
      const now = clock();
      largest = Math.max(largest ?? 0, now - lastMark);
      lastMark = now;
    },
    restartLaps() {
      lastMark = clock();
    },
    hasRoomFor(slices) {
      const used = clock() - begin;
      if (largest === null) return used < limitMs;
      return used + slices * largest <= limitMs;
    },
  };
}
