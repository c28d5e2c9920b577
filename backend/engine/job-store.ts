import { z } from 'zod';
import type { Queryable } from '../db/port.ts';
import { clearRunScratch } from './absent-members.ts';

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
  dry_run: z.boolean(),
  delta_since: z
    .union([z.date(), z.string()])
    .nullable()
    .transform((value) => (value === null ? null : new Date(value).toISOString())),
});
export type ClaimedJob = z.infer<typeof ClaimedJob>;

/** A job that has crashed its worker this many times is failed instead of requeued again. */
export const MAX_ATTEMPTS = 5;

export interface JobFailure {
  code: string;
  message: string;
}

/**
 * Claims the oldest queued job. `for update skip locked` lets any number of workers
 * (in-process loops, Edge Function invocations) claim concurrently without waiting on each other.
 * A worker with a deadline (an Edge Function invocation) passes `lease`: the moment after which
 * it can no longer be running, when the job may be requeued whatever its heartbeat says.
 */
export async function claimNextJob(tx: Queryable, workerId: string, lease: { until: Date } | null = null): Promise<ClaimedJob | null> {
  const { rows } = await tx.query(
    `update sync.sync_jobs j
        set status = 'running', claimed_by = $1, attempt = j.attempt + 1,
            started_at = coalesce(j.started_at, now()), heartbeat_at = now(), lease_until = $2
      where j.id = (select id from sync.sync_jobs
                     where status = 'queued'
                     order by requested_at
                     for update skip locked
                     limit 1)
      returning j.id, j.integration_id, j.org_id, j.kind, j.cursor, j.processed, j.total, j.attempt, j.dry_run, j.delta_since`,
    [workerId, lease?.until.toISOString() ?? null],
  );
  return rows[0] ? ClaimedJob.parse(rows[0]) : null;
}

/**
 * A worker that died mid-run stops sending heartbeats; its job goes back to the queue and
 * resumes from its last checkpoint, because the cursor was committed with each slice. A job
 * whose invocation's lease has run out goes back at once: that invocation is over, even if the
 * platform ended it too suddenly to say so. A job that has stalled MAX_ATTEMPTS times is failed
 * rather than looping for ever (a handback gives its attempt back, so only stalls count).
 * `staleAfterSeconds` = 0 requeues every running job: for a host that owns its database and
 * has just started, any running job belongs to a process that is gone.
 */
export async function requeueAbandonedJobs(tx: Queryable, staleAfterSeconds: number): Promise<number> {
  const stale = `status = 'running' and (heartbeat_at is null or heartbeat_at <= now() - make_interval(secs => $1) or lease_until <= now())`;
  const exhausted = await tx.query<{ id: string }>(
    `update sync.sync_jobs
        set status = 'failed', finished_at = now(), claimed_by = null, error_code = 'internal',
            error_message = 'The sync stopped unexpectedly ${MAX_ATTEMPTS} times and was given up. It has been logged.'
      where ${stale} and attempt >= $2
      returning id`,
    [staleAfterSeconds, MAX_ATTEMPTS],
  );
  if (exhausted.rows.length > 0) {
    await tx.query(
      `update sync.sync_runs
          set status = 'failed', finished_at = now(), error_code = 'internal',
              error_message = 'The sync stopped unexpectedly and was given up.',
              duration_ms = (extract(epoch from now() - started_at) * 1000)::int
        where job_id = any($1::uuid[]) and status = 'running'`,
      [exhausted.rows.map((row) => row.id)],
    );
    const runs = await tx.query<{ id: string }>(`select id from sync.sync_runs where job_id = any($1::uuid[])`, [
      exhausted.rows.map((row) => row.id),
    ]);
    for (const run of runs.rows) await clearRunScratch(tx, run.id);
  }
  const { affectedRows } = await tx.query(`update sync.sync_jobs set status = 'queued', claimed_by = null, lease_until = null where ${stale}`, [
    staleAfterSeconds,
  ]);
  return affectedRows;
}

/** Locks the job if it is still this worker's; every engine write to a job goes through this test. */
async function holds(tx: Queryable, jobId: string, workerId: string): Promise<boolean> {
  const { rows } = await tx.query(`select 1 from sync.sync_jobs where id = $1 and claimed_by = $2 and status = 'running' for update`, [
    jobId,
    workerId,
  ]);
  return rows.length > 0;
}

/**
 * The run row for this job: the one an earlier attempt opened, or a new one. Null when the
 * job is no longer this worker's (cancelled, or requeued and claimed by another after a stall).
 */
export async function openRun(tx: Queryable, job: ClaimedJob, workerId: string): Promise<string | null> {
  if (!(await holds(tx, job.id, workerId))) return null;
  const existing = await tx.query<{ id: string }>(`select id from sync.sync_runs where job_id = $1 and status = 'running' limit 1`, [job.id]);
  if (existing.rows[0]) return existing.rows[0].id;
  if (job.kind === 'full' && !job.dry_run) {
    // A new full run re-counts everything a held run would change, so the held one is out of date.
    const superseded = await tx.query<{ id: string }>(
      `update sync.sync_runs set status = 'superseded', finished_at = coalesce(finished_at, now())
        where integration_id = $1 and status = 'awaiting_approval' returning id`,
      [job.integration_id],
    );
    for (const run of superseded.rows) await clearRunScratch(tx, run.id);
  }
  const { rows } = await tx.query<{ id: string }>(
    `insert into sync.sync_runs (job_id, integration_id, org_id, kind, status, dry_run)
     values ($1, $2, $3, $4, 'running', $5) returning id`,
    [job.id, job.integration_id, job.org_id, job.kind, job.dry_run],
  );
  const run = rows[0];
  if (!run) throw new Error('Inserting a sync run returned no row');
  return run.id;
}

/** What one slice adds to its run's counts. */
export interface SliceCounts {
  seen: number;
  created: number;
  /** Changed members that did not lapse. */
  updated: number;
  /** Members the registry moved from active or pending to lapsed (delta syncs; full syncs hold these back). */
  lapsed: number;
  unchanged: number;
  /** Records the model would not take, kept in quarantine. */
  quarantined: number;
  conflictsDetected: number;
  conflictsQueued: number;
}

/**
 * Moves the job's cursor past one slice and adds the slice's counts to the run, in one
 * statement; null when the job is no longer this worker's, and nothing may be written. In one
 * statement: slices wait for their predecessor's commit right before this, so every round
 * trip here is one the whole run waits for.
 */
export async function checkpoint(
  tx: Queryable,
  ids: { jobId: string; runId: string; workerId: string },
  next: { from: string | null; cursor: string | null; processedDelta: number; total: number | null },
  counts: SliceCounts,
): Promise<{ processed: number; total: number | null } | null> {
  // `from`: the checkpoint this slice continues. Slices commit in order, so a slice whose
  // predecessor did not commit finds another cursor and writes nothing, counts included.
  const { rows } = await tx.query<{ processed: number; total: number | null }>(
    `with moved as (
       update sync.sync_jobs
          set cursor = $3, processed = processed + $4, total = coalesce($5, total), heartbeat_at = now()
        where id = $1 and claimed_by = $2 and status = 'running' and cursor is not distinct from $6
        returning processed, total),
     counted as (
       update sync.sync_runs
          set records_seen = records_seen + $8, records_created = records_created + $9,
              records_updated = records_updated + $10, records_unchanged = records_unchanged + $11,
              records_quarantined = records_quarantined + $12, records_total = coalesce($5, records_total),
              conflicts_detected = conflicts_detected + $13, conflicts_queued = conflicts_queued + $14,
              records_lapsed = records_lapsed + $15
        where id = $7 and exists (select from moved))
     select processed, total from moved`,
    [
      ids.jobId,
      ids.workerId,
      next.cursor,
      next.processedDelta,
      next.total,
      next.from,
      ids.runId,
      counts.seen,
      counts.created,
      counts.updated,
      counts.unchanged,
      counts.quarantined,
      counts.conflictsDetected,
      counts.conflictsQueued,
      counts.lapsed,
    ],
  );
  return rows[0] ?? null;
}

/** Keeps a slow slice (retries, Retry-After waits) from looking abandoned. */
export async function heartbeat(tx: Queryable, jobId: string, workerId: string): Promise<boolean> {
  const { affectedRows } = await tx.query(`update sync.sync_jobs set heartbeat_at = now() where id = $1 and claimed_by = $2 and status = 'running'`, [
    jobId,
    workerId,
  ]);
  return affectedRows > 0;
}

/**
 * Hands the job back to the queue with its cursor, for another invocation to continue. A
 * handback is planned, not a stall: it gives back the attempt its claim counted, so a job that
 * takes a hundred invocations is not failed for it.
 */
export async function yieldJob(tx: Queryable, jobId: string, workerId: string): Promise<boolean> {
  const { affectedRows } = await tx.query(
    `update sync.sync_jobs set status = 'queued', claimed_by = null, lease_until = null, attempt = greatest(attempt - 1, 0)
      where id = $1 and claimed_by = $2 and status = 'running'`,
    [jobId, workerId],
  );
  return affectedRows > 0;
}

export interface RunEnding {
  /** A run held by the safety guard ends its job but waits for an admin. */
  runStatus?: 'awaiting_approval';
  lapsed?: number;
  removed?: number;
  /** Changes applied at the end of the run (held-back resignations and deaths). */
  updated?: number;
  summary?: Record<string, unknown>;
}

/** Ends job and run together, only if the job is still this worker's. */
export async function finishJob(
  tx: Queryable,
  ids: { jobId: string; runId: string; workerId: string },
  status: 'succeeded' | 'failed',
  failure: JobFailure | null,
  ending: RunEnding = {},
): Promise<boolean> {
  if (!(await holds(tx, ids.jobId, ids.workerId))) return false;
  await tx.query(
    `update sync.sync_jobs set status = $2, finished_at = now(), error_code = $3, error_message = $4, claimed_by = null
      where id = $1`,
    [ids.jobId, status, failure?.code ?? null, failure?.message ?? null],
  );
  await tx.query(
    `update sync.sync_runs
        set status = $2, finished_at = now(), error_code = $3, error_message = $4,
            duration_ms = (extract(epoch from now() - started_at) * 1000)::int,
            records_lapsed = records_lapsed + $5, records_removed = records_removed + $6, summary = coalesce($7, summary),
            records_updated = records_updated + $8
      where id = $1`,
    [
      ids.runId,
      ending.runStatus ?? status,
      failure?.code ?? null,
      failure?.message ?? null,
      ending.lapsed ?? 0,
      ending.removed ?? 0,
      ending.summary ? JSON.stringify(ending.summary) : null,
      ending.updated ?? 0,
    ],
  );
  if (status === 'failed') await clearRunScratch(tx, ids.runId);
  return true;
}

/** An admin cancelled the job: its run ends as cancelled, keeping what it had written. */
export async function closeRunIfCancelled(tx: Queryable, jobId: string, runId: string): Promise<boolean> {
  const { affectedRows } = await tx.query(
    `update sync.sync_runs r
        set status = 'cancelled', finished_at = now(),
            duration_ms = (extract(epoch from now() - r.started_at) * 1000)::int
      where r.id = $2 and r.status = 'running'
        and exists (select 1 from sync.sync_jobs j where j.id = $1 and j.status = 'cancelled')`,
    [jobId, runId],
  );
  if (affectedRows > 0) {
    await tx.query(`update sync.sync_jobs set finished_at = coalesce(finished_at, now()) where id = $1`, [jobId]);
    await clearRunScratch(tx, runId);
  }
  return affectedRows > 0;
}
