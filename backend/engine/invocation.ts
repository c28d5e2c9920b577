import type { Db } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { claimNextJob, requeueAbandonedJobs } from './job-store.ts';
import { runJob, type JobOutcome } from './run-job.ts';
import { enqueueDueJobs } from './scheduler.ts';
import { sweepExpiredHolds } from '../enrichment/enrichment-store.ts';
import { evaluateStaleness } from './staleness.ts';
import { drainSourceWrites } from './source-writes.ts';
import type { SourceResolver } from './worker.ts';

export interface InvocationOptions {
  db: Db;
  resolveSource: SourceResolver;
  /** Epoch ms after which no new slice starts; the running job is handed back at its checkpoint. */
  deadline: number;
  workerId?: string;
  /** A running job whose heartbeat is older than this is requeued. Default 120 s. */
  abandonedAfterSeconds?: number;
  now?: () => Date;
}

export interface InvocationSummary {
  workerId: string;
  requeued: number;
  scheduled: number;
  jobs: Array<{ jobId: string; integrationId: string; kind: string; outcome: JobOutcome }>;
}

const SERVICE = { kind: 'service' } as const;

/**
 * One invocation of the `sync-worker` Edge Function (pg_cron calls it every minute): enqueue
 * what the schedules say is due, requeue jobs whose worker died, then claim and run jobs slice
 * by slice until the deadline. Any number of invocations may run at once; SKIP LOCKED keeps
 * them apart and each job is held by one of them.
 */
export async function runWorkerInvocation(options: InvocationOptions): Promise<InvocationSummary> {
  const workerId = options.workerId ?? `edge-${crypto.randomUUID()}`;
  const now = options.now ?? (() => new Date());
  const requeued = await asCaller(options.db, SERVICE, (tx) => requeueAbandonedJobs(tx, options.abandonedAfterSeconds ?? 120));
  const scheduled = await asCaller(options.db, SERVICE, async (tx) => {
    await evaluateStaleness(tx, now());
    await sweepExpiredHolds(tx, now());
    return enqueueDueJobs(tx, now());
  });
  const jobs: InvocationSummary['jobs'] = [];
  while (now().getTime() < options.deadline) {
    const job = await asCaller(options.db, SERVICE, (tx) => claimNextJob(tx, workerId));
    if (!job) break;
    const outcome = await runJob(options.db, job, () => options.resolveSource(job.integration_id), {
      workerId,
      deadline: options.deadline,
    });
    jobs.push({ jobId: job.id, integrationId: job.integration_id, kind: job.kind, outcome });
  }
  if (now().getTime() < options.deadline) await drainSourceWrites(options.db, options.resolveSource, { deadline: options.deadline });
  return { workerId, requeued, scheduled, jobs };
}
