import type { Db } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import type { MemberSource, MemberPage } from '../adapters/member-source.ts';
import { SourceError } from '../adapters/member-source.ts';
import type { CanonicalMember } from '../../shared/domain/member.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { applyMemberPage } from './apply-page.ts';
import {
  checkpoint,
  closeRunIfCancelled,
  finishJob,
  heartbeat,
  openRun,
  yieldJob,
  type ClaimedJob,
  type JobFailure,
} from './job-store.ts';

export interface SliceOptions {
  workerId: string;
  /** Stop after the slice that crosses this time and hand the job back to the queue (Edge Function wall clock). */
  deadline?: number;
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
export type JobOutcome = 'succeeded' | 'failed' | 'yielded' | 'cancelled' | 'lost';

const SERVICE = { kind: 'service' } as const;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function fetchPage(
  source: MemberSource,
  cursor: string | null,
  options: SliceOptions,
  stillOurs: () => Promise<boolean>,
): Promise<MemberPage | null> {
  const maxRetries = options.maxRetries ?? 4;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await source.listMembers(cursor);
    } catch (error) {
      if (!(error instanceof SourceError) || !error.retryable || attempt >= maxRetries) throw error;
      // A heartbeat before each wait, so a slow but healthy slice is not taken for abandoned.
      if (!(await stillOurs())) return null;
      const backoff = error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : 250 * 2 ** attempt;
      await sleep(Math.min(backoff, 30_000));
    }
  }
}

/** What the run records: a source or app error keeps its own message; anything else is ours. */
function failureOf(error: unknown): JobFailure {
  if (error instanceof SourceError || error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'The sync stopped because of an error on our side. It has been logged.' };
}

/**
 * Runs a full sync in slices: fetch one page, then in one transaction write its members, the
 * job's cursor and the run's counts. A crash between slices loses nothing and repeats nothing,
 * because the cursor only moves with the data it covers. Every write first checks that the job
 * is still this worker's, so a worker that stalled and lost its job can change nothing.
 */
export async function runFullSync(
  db: Db,
  job: ClaimedJob,
  resolveSource: () => Promise<MemberSource>,
  options: SliceOptions,
): Promise<JobOutcome> {
  const { workerId } = options;
  const runId = await asCaller(db, SERVICE, (tx) => openRun(tx, job, workerId));
  if (!runId) return 'lost';
  const ids = { jobId: job.id, runId, workerId };
  const whyNotOurs = async (): Promise<'cancelled' | 'lost'> =>
    (await asCaller(db, SERVICE, (tx) => closeRunIfCancelled(tx, job.id, runId))) ? 'cancelled' : 'lost';
  const stillOurs = () => asCaller(db, SERVICE, (tx) => heartbeat(tx, job.id, workerId));
  let cursor = job.cursor;
  try {
    const source = await resolveSource();
    for (;;) {
      const page = await fetchPage(source, cursor, options, stillOurs);
      if (!page) return whyNotOurs();
      const members: CanonicalMember[] = [];
      let rejected = 0;
      for (const record of page.records) {
        if (record.ok) members.push(record.member);
        else rejected++;
      }
      const done = page.nextCursor === null;
      const progress = await asCaller(db, SERVICE, async (tx) => {
        const moved = await checkpoint(tx, job.id, workerId, {
          cursor: page.nextCursor,
          processedDelta: page.records.length,
          total: page.total,
        });
        // Cancelled or taken over: write nothing of this page.
        if (!moved) return null;
        const counts = await applyMemberPage(tx, { integrationId: job.integration_id, orgId: job.org_id, runId }, members);
        await tx.query(
          `update sync.sync_runs
              set records_seen = records_seen + $2, records_created = records_created + $3,
                  records_updated = records_updated + $4, records_unchanged = records_unchanged + $5,
                  records_failed = records_failed + $6, records_total = coalesce($7, records_total)
            where id = $1`,
          [runId, page.records.length, counts.created, counts.updated, counts.unchanged, rejected, page.total],
        );
        if (done) await finishJob(tx, ids, 'succeeded', null);
        return moved;
      });
      if (!progress) return whyNotOurs();
      options.onProgress?.({ jobId: job.id, processed: progress.processed, total: progress.total });
      if (done) return 'succeeded';
      cursor = page.nextCursor;
      const outOfTime = options.deadline !== undefined && Date.now() >= options.deadline;
      if (outOfTime || options.shouldStop?.()) {
        return (await asCaller(db, SERVICE, (tx) => yieldJob(tx, job.id, workerId))) ? 'yielded' : whyNotOurs();
      }
    }
  } catch (error) {
    const failed = await asCaller(db, SERVICE, (tx) => finishJob(tx, ids, 'failed', failureOf(error)));
    if (!failed) return whyNotOurs();
    if (!(error instanceof SourceError) && !(error instanceof AppError)) throw error;
    return 'failed';
  }
}
