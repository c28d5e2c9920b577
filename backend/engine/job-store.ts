import { z } from 'zod';
import type { Queryable } from '../db/port.ts';

/** A claimed job as the engine sees it. Parsed, because rows are data crossing into our code. */
export const ClaimedJob = z.object({
  id: z.string(),
  integration_id: z.string(),
  org_id: z.string(),
  kind: z.enum(['full', 'delta']),
  cursor: z.string().nullable(),
  processed: z.number(),
  total: z.number().nullable(),
  attempt: z.number(),
});
export type ClaimedJob = z.infer<typeof ClaimedJob>;

/**
 * Claims the oldest queued job. `for update skip locked` lets any number of workers
 * (in-process loops, Edge Function invocations) claim concurrently without waiting on each other.
 */
export async function claimNextJob(tx: Queryable, workerId: string): Promise<ClaimedJob | null> {
  const { rows } = await tx.query(
    `update sync.sync_jobs j
        set status = 'running', claimed_by = $1, attempt = j.attempt + 1,
            started_at = coalesce(j.started_at, now()), heartbeat_at = now()
      where j.id = (select id from sync.sync_jobs
                     where status = 'queued'
                     order by requested_at
                     for update skip locked
                     limit 1)
      returning j.id, j.integration_id, j.org_id, j.kind, j.cursor, j.processed, j.total, j.attempt`,
    [workerId],
  );
  return rows[0] ? ClaimedJob.parse(rows[0]) : null;
}

/**
 * A worker that died mid-run stops sending heartbeats; its job goes back to the queue and
 * resumes from its last checkpoint, because the cursor was committed with each slice.
 */
export async function requeueAbandonedJobs(tx: Queryable, staleAfterSeconds: number): Promise<number> {
  const { affectedRows } = await tx.query(
    `update sync.sync_jobs set status = 'queued', claimed_by = null
      where status = 'running' and heartbeat_at < now() - make_interval(secs => $1)`,
    [staleAfterSeconds],
  );
  return affectedRows;
}

/**
 * The run row for this job: the one an earlier attempt opened, or a new one. Null when the
 * job is no longer this worker's (cancelled, or requeued and claimed by another after a stall).
 */
export async function openRun(tx: Queryable, job: ClaimedJob, workerId: string): Promise<string | null> {
  const held = await tx.query(
    `select 1 from sync.sync_jobs where id = $1 and claimed_by = $2 and status = 'running' for update`,
    [job.id, workerId],
  );
  if (held.rows.length === 0) return null;
  const existing = await tx.query<{ id: string }>(
    `select id from sync.sync_runs where job_id = $1 and status = 'running' limit 1`,
    [job.id],
  );
  if (existing.rows[0]) return existing.rows[0].id;
  const { rows } = await tx.query<{ id: string }>(
    `insert into sync.sync_runs (job_id, integration_id, org_id, kind, status)
     values ($1, $2, $3, $4, 'running') returning id`,
    [job.id, job.integration_id, job.org_id, job.kind],
  );
  const run = rows[0];
  if (!run) throw new Error('Inserting a sync run returned no row');
  return run.id;
}
