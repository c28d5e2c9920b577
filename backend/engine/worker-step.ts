import type { Db } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { sweepExpiredHolds } from '../enrichment/enrichment-store.ts';
import { claimNextJob, requeueAbandonedJobs, type ClaimedJob } from './job-store.ts';
import { runJob } from './run-job.ts';
import { enqueueDueJobs } from './scheduler.ts';
import type { JobOutcome, SliceOptions } from './slice-options.ts';
import type { SourceResolver } from './source-resolver.ts';
import { evaluateStaleness } from './staleness.ts';

const SERVICE = { kind: 'service' } as const;

/** A running job whose heartbeat is older than this belongs to a worker that died. */
const DEFAULT_ABANDONED_AFTER_SECONDS = 120;

/**
 * What every worker does before it looks for work, in one transaction: requeue the jobs of
 * workers that died, and, when `schedule` says so, raise stale-data alerts, sweep expired
 * enrichment holds and queue what the schedules say is due.
 */
export async function tendQueue(
  db: Db,
  options: { abandonedAfterSeconds: number | undefined; schedule: boolean; now: Date },
): Promise<{ requeued: number; scheduled: number }> {
  return asCaller(db, SERVICE, async (tx) => {
    const requeued = await requeueAbandonedJobs(tx, options.abandonedAfterSeconds ?? DEFAULT_ABANDONED_AFTER_SECONDS);
    if (!options.schedule) return { requeued, scheduled: 0 };
    await evaluateStaleness(tx, options.now);
    await sweepExpiredHolds(tx, options.now);
    return { requeued, scheduled: await enqueueDueJobs(tx, options.now) };
  });
}

/**
 * Claims the oldest queued job and runs it slice by slice until it ends or is handed back.
 * Null when the queue is empty. `lease`: see claimNextJob.
 */
export async function claimAndRunJob(
  db: Db,
  resolveSource: SourceResolver,
  options: SliceOptions & { lease?: { until: Date } },
): Promise<{ job: ClaimedJob; outcome: JobOutcome } | null> {
  const { lease, ...sliceOptions } = options;
  const job = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, options.workerId, lease ?? null));
  if (!job) return null;
  const outcome = await runJob(db, job, () => resolveSource(job.integration_id), sliceOptions);
  return { job, outcome };
}
