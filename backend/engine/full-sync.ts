import type { Db } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import type { MemberSource, MemberPage } from '../adapters/member-source.ts';
import { SourceError } from '../adapters/member-source.ts';
import type { CanonicalMember } from '../../shared/domain/member.ts';
import { applyMemberPage } from './apply-page.ts';
import { openRun, type ClaimedJob } from './job-store.ts';

export interface SliceOptions {
  workerId: string;
  /** Stop after the slice that crosses this time and hand the job back to the queue (Edge Function wall clock). */
  deadline?: number;
  /** How often a transient source failure is retried within one slice. */
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (progress: { jobId: string; processed: number; total: number | null }) => void;
}

export type JobOutcome = 'succeeded' | 'failed' | 'yielded' | 'lost';

const SERVICE = { kind: 'service' } as const;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function fetchPage(source: MemberSource, cursor: string | null, options: SliceOptions): Promise<MemberPage> {
  const maxRetries = options.maxRetries ?? 4;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await source.listMembers(cursor);
    } catch (error) {
      if (!(error instanceof SourceError) || !error.retryable || attempt >= maxRetries) throw error;
      const backoff = error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : 250 * 2 ** attempt;
      await sleep(Math.min(backoff, 30_000));
    }
  }
}

/**
 * Runs a full sync in slices: fetch one page, then in one transaction write its members, the
 * job's cursor and the run's counts. A crash between slices loses nothing and repeats nothing,
 * because the cursor only moves with the data it covers.
 */
export async function runFullSync(
  db: Db,
  job: ClaimedJob,
  resolveSource: () => Promise<MemberSource>,
  options: SliceOptions,
): Promise<JobOutcome> {
  const startedAt = Date.now();
  const runId = await asCaller(db, SERVICE, (tx) => openRun(tx, job, options.workerId));
  if (!runId) return 'lost';
  let cursor = job.cursor;
  try {
    const source = await resolveSource();
    for (;;) {
      const page = await fetchPage(source, cursor, options);
      const members: CanonicalMember[] = [];
      let rejected = 0;
      for (const record of page.records) {
        if (record.ok) members.push(record.member);
        else rejected++;
      }
      const done = page.nextCursor === null;
      const stillOurs = await asCaller(db, SERVICE, async (tx) => {
        const claimed = await tx.query<{ processed: number; total: number | null }>(
          `update sync.sync_jobs
              set cursor = $3, processed = processed + $4, total = coalesce($5, total), heartbeat_at = now()
            where id = $1 and claimed_by = $2 and status = 'running'
            returning processed, total`,
          [job.id, options.workerId, page.nextCursor, page.records.length, page.total],
        );
        const progress = claimed.rows[0];
        // Cancelled or taken over: write nothing of this page.
        if (!progress) return null;
        const counts = await applyMemberPage(tx, { integrationId: job.integration_id, orgId: job.org_id, runId }, members);
        await tx.query(
          `update sync.sync_runs
              set records_seen = records_seen + $2, records_created = records_created + $3,
                  records_updated = records_updated + $4, records_unchanged = records_unchanged + $5,
                  records_failed = records_failed + $6, records_total = coalesce($7, records_total)
            where id = $1`,
          [runId, page.records.length, counts.created, counts.updated, counts.unchanged, rejected, page.total],
        );
        if (done) await finish(tx, job.id, runId, 'succeeded', null, Date.now() - startedAt);
        return progress;
      });
      if (!stillOurs) return 'lost';
      options.onProgress?.({ jobId: job.id, processed: stillOurs.processed, total: stillOurs.total });
      if (done) return 'succeeded';
      cursor = page.nextCursor;
      if (options.deadline !== undefined && Date.now() >= options.deadline) {
        await asCaller(db, SERVICE, (tx) =>
          tx.query(`update sync.sync_jobs set status = 'queued', claimed_by = null where id = $1 and claimed_by = $2`, [
            job.id,
            options.workerId,
          ]),
        );
        return 'yielded';
      }
    }
  } catch (error) {
    const failure =
      error instanceof SourceError
        ? { code: error.code, message: error.message }
        : { code: 'internal', message: 'The sync stopped because of an error on our side. It has been logged.' };
    await asCaller(db, SERVICE, (tx) => finish(tx, job.id, runId, 'failed', failure, Date.now() - startedAt));
    if (!(error instanceof SourceError)) throw error;
    return 'failed';
  }
}

async function finish(
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  jobId: string,
  runId: string,
  status: 'succeeded' | 'failed',
  failure: { code: string; message: string } | null,
  durationMs: number,
): Promise<void> {
  await tx.query(
    `update sync.sync_jobs set status = $2, finished_at = now(), error_code = $3, error_message = $4, claimed_by = null
      where id = $1 and status = 'running'`,
    [jobId, status, failure?.code ?? null, failure?.message ?? null],
  );
  await tx.query(
    `update sync.sync_runs set status = $2, finished_at = now(), duration_ms = $3, error_code = $4, error_message = $5
      where id = $1`,
    [runId, status, durationMs, failure?.code ?? null, failure?.message ?? null],
  );
}
