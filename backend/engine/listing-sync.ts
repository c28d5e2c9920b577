import type { Db, Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import type { MemberPage, MemberSource } from '../adapters/member-source.ts';
import { SourceError } from '../adapters/member-source.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { applySourceRecords, PAGE_SETTINGS, type ApplyOptions } from './apply-page.ts';
import { fetchPageWithRetries, OutOfTime } from './fetch-page.ts';
import { finalizeFullRun } from './finalize-full-run.ts';
import { checkpoint, closeRunIfCancelled, finishJob, heartbeat, openRun, yieldJob, type ClaimedJob, type JobFailure } from './job-store.ts';
import { loadRuleSet } from './policy-store.ts';
import { reportRunEnd } from './run-report.ts';
import type { JobOutcome, SliceOptions } from './slice-options.ts';

const SERVICE = { kind: 'service' } as const;

/** What the run records: a source or app error keeps its own message; anything else is ours. */
function failureOf(error: unknown): JobFailure {
  if (error instanceof SourceError || error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'The sync stopped because of an error on our side. It has been logged.' };
}

/** Runs the end-of-run bookkeeping after the last page: absence, the safety guard, the delta watermark. */
async function finishRun(
  tx: Queryable,
  job: ClaimedJob,
  ids: { jobId: string; runId: string; workerId: string },
): Promise<'succeeded' | 'held' | null> {
  const target = { integrationId: job.integration_id, orgId: job.org_id, runId: ids.runId };
  if (job.kind === 'delta') {
    if (!(await finishJob(tx, ids, 'succeeded', null))) return null;
    await advanceWatermark(tx, job.integration_id, ids.runId);
    await reportRunEnd(tx, ids.runId);
    return 'succeeded';
  }
  const outcome = await finalizeFullRun(tx, target, { dryRun: job.dry_run });
  const finished =
    outcome.status === 'awaiting_approval'
      ? await finishJob(tx, ids, 'succeeded', null, { runStatus: 'awaiting_approval', summary: { ...outcome.summary } })
      : await finishJob(tx, ids, 'succeeded', null, {
          lapsed: outcome.lapsed,
          removed: outcome.removed,
          updated: outcome.updated,
          summary: { ...outcome.summary },
        });
  if (!finished) return null;
  // A full run covers every change made before it started, so delta polling resumes from there.
  if (!job.dry_run) await advanceWatermark(tx, job.integration_id, ids.runId);
  await reportRunEnd(tx, ids.runId);
  return outcome.status === 'awaiting_approval' ? 'held' : 'succeeded';
}

async function advanceWatermark(tx: Queryable, integrationId: string, runId: string): Promise<void> {
  await tx.query(
    `update sync.integrations
        set delta_watermark = greatest(coalesce(delta_watermark, '-infinity'), (select started_at from sync.sync_runs where id = $2))
      where id = $1`,
    [integrationId, runId],
  );
}

/** One run of a claimed job: what every step of its slice loop needs. */
interface RunContext {
  db: Db;
  job: ClaimedJob;
  ids: { jobId: string; runId: string; workerId: string };
  options: SliceOptions;
  /** How each page is applied: a full sync stages deactivations and marks members seen. */
  apply: ApplyOptions;
  /** Most of the last page's members were new: the next page's probably are too (a first sync). */
  mostlyNew: boolean;
}

type Progress = { processed: number; total: number | null; ended: 'succeeded' | 'held' | 'running' };

/** The job is no longer this worker's: say whether an admin cancelled it (closing its run) or another worker has it. */
async function whyNotOurs(run: RunContext): Promise<'cancelled' | 'lost'> {
  const cancelled = await asCaller(run.db, SERVICE, async (tx) => {
    const closed = await closeRunIfCancelled(tx, run.job.id, run.ids.runId);
    if (closed) await reportRunEnd(tx, run.ids.runId);
    return closed;
  });
  return cancelled ? 'cancelled' : 'lost';
}

/** Hands the job back at its checkpoint for the next invocation. */
async function handBack(run: RunContext): Promise<JobOutcome> {
  const handed = await asCaller(run.db, SERVICE, (tx) => yieldJob(tx, run.job.id, run.ids.workerId));
  return handed ? 'yielded' : whyNotOurs(run);
}

/**
 * Starts fetching the page at `cursor`: the whole register for a full sync, the changes since
 * the watermark for a delta. Marked handled: a prefetch we end up not needing (a handback, a
 * cancel) must not crash the process.
 */
function fetchPage(run: RunContext, source: MemberSource, cursor: string | null): Promise<MemberPage | null> {
  const { job } = run;
  const since = job.delta_since ?? new Date(0).toISOString();
  const list = () => (job.kind === 'full' ? source.listMembers(cursor) : source.listMembersChangedSince(since, cursor));
  const stillOurs = () => asCaller(run.db, SERVICE, (tx) => heartbeat(tx, job.id, run.ids.workerId));
  const pending = fetchPageWithRetries(list, run.options, stillOurs);
  pending.catch(() => undefined);
  return pending;
}

/**
 * A listing by page number can repeat a member across two pages when the registry changes in
 * between; the second sighting is left to the slice that holds the first. Returns the page's
 * records less those repeats, and the ids the next page is checked against.
 */
function withoutRepeats(records: MemberPage['records'], previousIds: ReadonlySet<string>): { records: MemberPage['records']; ids: Set<string> } {
  const ids = new Set<string>();
  const kept = records.filter((record) => {
    const id = record.ok ? record.member.externalId : record.externalId;
    if (id === null) return true;
    ids.add(id);
    return !previousIds.has(id);
  });
  return { records: kept, ids };
}

/**
 * Writes one page in its own transaction: reconcile and write the members, then, once the
 * previous slice has committed, move the checkpoint from where that slice left it and add the
 * run's counts. Two slices can be in flight on two connections (the database then works on one
 * while the other waits for its turn to commit); they still commit in order, and a slice whose
 * predecessor failed finds the checkpoint elsewhere and writes nothing.
 */
async function writeSlice(
  run: RunContext,
  page: MemberPage,
  from: string | null,
  records: MemberPage['records'],
  previous: Promise<unknown>,
): Promise<Progress> {
  const { job, ids } = run;
  const progress = await asCaller(run.db, SERVICE, async (tx): Promise<Progress> => {
    // A slice is idempotent and carries its own checkpoint: if the server crashes before
    // this commit reaches disk, the slice and its cursor are lost together and the page is
    // fetched again. So it need not wait for the WAL flush (unlike a webhook's 200).
    const rules = await loadRuleSet(tx, job.org_id, { settings: `${PAGE_SETTINGS}, set_config('synchronous_commit', 'off', true)` });
    const target = { integrationId: job.integration_id, orgId: job.org_id, runId: ids.runId, eventId: null };
    const counts = await applySourceRecords(tx, target, records, rules, { ...run.apply, likelyNew: run.mostlyNew });
    run.mostlyNew = counts.created > page.records.length / 2;
    await previous;
    const moved = await checkpoint(
      tx,
      ids,
      { from, cursor: page.nextCursor, processedDelta: page.records.length, total: page.total },
      {
        seen: page.records.length,
        created: counts.created,
        updated: counts.updated,
        lapsed: counts.lapsed,
        unchanged: counts.unchanged,
        quarantined: counts.quarantined,
        conflictsDetected: counts.conflictsDetected,
        conflictsQueued: counts.conflictsQueued,
      },
    );
    // Cancelled, taken over, or the slice before failed: roll this page back.
    if (!moved) throw new LostJob();
    const ended = page.nextCursor === null ? await finishRun(tx, job, ids) : 'running';
    if (ended === null) throw new LostJob();
    return { ...moved, ended };
  });
  // As soon as it commits, not when the loop next looks: the console shows live progress.
  run.options.onProgress?.({ jobId: job.id, processed: progress.processed, total: progress.total });
  return progress;
}

/** A slice's progress, or null when it found the job no longer ours (and wrote nothing). */
async function settle(slice: Promise<Progress>): Promise<Progress | null> {
  try {
    return await slice;
  } catch (error) {
    if (error instanceof LostJob) return null;
    throw error;
  }
}

/**
 * Whether to fetch no further page and hand the job back after the one in hand: the wall-clock
 * deadline has passed, the host is stopping, or the CPU budget has no room for two more
 * slices. Two, because fetching the next page commits the invocation to writing this page and
 * that one, and only then can it stop.
 */
function timeToStop(options: SliceOptions): boolean {
  if (options.deadline !== undefined && Date.now() >= options.deadline) return true;
  if (options.shouldStop?.() === true) return true;
  return options.cpuBudget !== undefined && !options.cpuBudget.hasRoomFor(2);
}

/**
 * Runs a full or delta sync in slices: fetch one page, then in one transaction reconcile and
 * write its members, the job's cursor and the run's counts. The next page is fetched while
 * this one is written. A crash between slices loses nothing and repeats nothing, because the
 * cursor only moves with the data it covers. Every write first checks that the job is still
 * this worker's, so a worker that stalled and lost its job can change nothing.
 */
export async function runListingSync(
  db: Db,
  job: ClaimedJob,
  resolveSource: () => Promise<MemberSource>,
  options: SliceOptions,
): Promise<JobOutcome> {
  const { workerId } = options;
  options.cpuBudget?.restartLaps();
  const runId = await asCaller(db, SERVICE, (tx) => openRun(tx, job, workerId));
  if (!runId) return 'lost';
  const full = job.kind === 'full';
  const run: RunContext = {
    db,
    job,
    ids: { jobId: job.id, runId, workerId },
    options,
    // A dry run stages deactivations too (scratch rows, deleted at its end), so its summary counts
    // them as the real run's safety guard would, and its counts match what that run would report.
    apply: { stageDeactivations: full, dryRun: job.dry_run, markSeen: full, plannerSet: true },
    mostlyNew: false,
  };
  try {
    const source = await resolveSource();
    let next = fetchPage(run, source, job.cursor);
    let from = job.cursor;
    let inFlight: Promise<Progress> | null = null;
    let previousIds: ReadonlySet<string> = new Set();
    for (;;) {
      const page = await next;
      options.cpuBudget?.lap();
      if (!page) {
        if (inFlight) await settle(inFlight).catch(() => undefined);
        return await whyNotOurs(run);
      }
      const done = page.nextCursor === null;
      const stopping = timeToStop(options);
      if (done && stopping && inFlight) {
        // The last page also finishes the run (absence, held changes, the safety guard): leave
        // it for the next invocation to start with a whole budget, rather than at the end of
        // this one. Its first page is always written, so the run still ends.
        if (!(await settle(inFlight))) return await whyNotOurs(run);
        return await handBack(run);
      }
      if (!done && !stopping) next = fetchPage(run, source, page.nextCursor);
      const unique = withoutRepeats(page.records, previousIds);
      previousIds = unique.ids;
      const slice = writeSlice(run, page, from, unique.records, inFlight ?? Promise.resolve());
      slice.catch(() => undefined);
      if (inFlight && !(await settle(inFlight))) {
        await slice.catch(() => undefined);
        return await whyNotOurs(run);
      }
      inFlight = slice;
      from = page.nextCursor;
      if (done || stopping) {
        const progress = await settle(slice);
        if (!progress) return await whyNotOurs(run);
        if (progress.ended !== 'running') return progress.ended;
        return await handBack(run);
      }
    }
  } catch (error) {
    if (error instanceof OutOfTime) return handBack(run);
    return failRun(run, error);
  }
}

/** Ends the job and its run as failed; a registry or app error is the job's outcome, anything else is rethrown. */
async function failRun(run: RunContext, error: unknown): Promise<JobOutcome> {
  const failed = await asCaller(run.db, SERVICE, async (tx) => {
    const ended = await finishJob(tx, run.ids, 'failed', failureOf(error));
    if (ended) await reportRunEnd(tx, run.ids.runId);
    return ended;
  });
  if (!failed) return whyNotOurs(run);
  if (!(error instanceof SourceError) && !(error instanceof AppError)) throw error;
  return 'failed';
}

/** Rolls back a last slice whose job was lost while it was being finished. */
class LostJob extends Error {}
