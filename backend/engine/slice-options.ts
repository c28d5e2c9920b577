import type { CpuBudget } from './cpu-budget.ts';

export interface SliceOptions {
  workerId: string;
  /** Stop after the slice that crosses this time and hand the job back to the queue (Edge Function wall clock). */
  deadline?: number;
  /** The invocation's CPU: no further page is fetched that the budget has no room for (Edge Function CPU limit). */
  cpuBudget?: CpuBudget;
  /** Asked after every slice; true hands the job back to the queue (the host is shutting down). */
  shouldStop?: () => boolean;
  /** How often a transient source failure is retried within one slice. */
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (progress: { jobId: string; processed: number; total: number | null }) => void;
}

/**
 * `lost`: the job stopped being this worker's (requeued after a stall and taken by another);
 * `cancelled`: an admin cancelled it. Neither writes anything further.
 */
export type JobOutcome = 'succeeded' | 'held' | 'failed' | 'yielded' | 'cancelled' | 'lost';
