import type { Db } from '../../../backend/db/port.ts';
import { asCaller } from '../../../backend/db/as-caller.ts';
import { startWorker } from '../../../backend/engine/worker.ts';
import type { SourceResolver } from '../../../backend/engine/source-resolver.ts';

const SERVICE = { kind: 'service' } as const;

/** Retry waits (backoff, Retry-After) pass at once; every retry is still a real HTTP request. */
export const noWait = async (): Promise<void> => undefined;

export interface JobRow {
  id: string;
  status: string;
  attempt: number;
  processed: number;
  total: number | null;
  error_code: string | null;
}

export interface RunRow {
  id: string;
  status: string;
  records_total: number | null;
  records_seen: number;
  records_created: number;
  records_updated: number;
  records_unchanged: number;
  records_quarantined: number;
  records_lapsed: number;
  error_code: string | null;
}

/** Queues a full sync for the integration as the scheduler would (one transaction, as the service). */
export async function queueFullSync(db: Db, target: { integrationId: string; orgId: string }): Promise<string> {
  const jobId = await asCaller(db, SERVICE, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into sync.sync_jobs (integration_id, org_id, kind) values ($1, $2, 'full') returning id`,
      [target.integrationId, target.orgId],
    );
    return rows[0]?.id;
  });
  if (!jobId) throw new Error('Queueing the job returned no row');
  return jobId;
}

export async function readJob(db: Db, jobId: string): Promise<JobRow> {
  const { rows } = await db.query<JobRow>('select id, status, attempt, processed, total, error_code from sync.sync_jobs where id = $1', [jobId]);
  if (!rows[0]) throw new Error(`Job ${jobId} is gone`);
  return rows[0];
}

/** Every run of the job; a job that resumed after a crash must still have exactly one. */
export async function readRuns(db: Db, jobId: string): Promise<RunRow[]> {
  const { rows } = await db.query<RunRow>(
    `select id, status, records_total, records_seen, records_created, records_updated, records_unchanged,
            records_quarantined, records_lapsed, error_code
       from sync.sync_runs where job_id = $1`,
    [jobId],
  );
  return rows;
}

/**
 * Runs whatever is queued with the real worker loop until the queue is empty. The worker
 * neither schedules nor raises alerts, so the only job is the test's. Errors the loop reports
 * fail the call instead of vanishing into a log.
 */
export async function drainQueue(
  db: Db,
  resolveSource: SourceResolver,
  options: { abandonedAfterSeconds?: number; workerId?: string } = {},
): Promise<{ slices: number }> {
  const errors: unknown[] = [];
  let slices = 0;
  const worker = startWorker({
    db,
    resolveSource,
    pollIntervalMs: 50,
    schedule: false,
    sliceOptions: { sleep: noWait },
    onProgress: () => {
      slices++;
    },
    onError: (error) => errors.push(error),
    ...options,
  });
  try {
    await worker.idle();
  } finally {
    await worker.stop();
  }
  if (errors.length > 0) throw new AggregateError(errors, 'The worker loop reported errors');
  return { slices };
}

/** One full sync of the integration by the real worker: queued, claimed, run to its end. */
export async function fullSyncWithWorker(
  db: Db,
  resolveSource: SourceResolver,
  target: { integrationId: string; orgId: string },
): Promise<{ job: JobRow; run: RunRow; slices: number }> {
  const jobId = await queueFullSync(db, target);
  const { slices } = await drainQueue(db, resolveSource);
  const job = await readJob(db, jobId);
  const runs = await readRuns(db, jobId);
  if (runs.length !== 1 || !runs[0]) throw new Error(`Job ${jobId} has ${runs.length} runs, expected exactly one`);
  return { job, run: runs[0], slices };
}

/**
 * Waits for a condition by polling, for at most `timeoutMs`; fails with `what` when it does not
 * come true, so a hang reads as the condition that never held.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, intervalMs = 10): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() >= giveUpAt) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
