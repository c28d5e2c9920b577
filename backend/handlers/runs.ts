import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { RunDeactivationSummary, type QuarantinedRecordView, type SyncRunView } from '../../shared/contract/runs.ts';
import type { JobTrigger, SyncRunStatus } from '../../shared/contract/schemas.ts';
import { actorForErrorCode } from '../../shared/domain/errors.ts';
import { MAX_QUARANTINE_PROBLEMS, QuarantineProblemEntry } from '../../shared/domain/quarantine.ts';
import type { Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { approveHeldRun, rejectHeldRun } from '../engine/held-runs.ts';
import { requireUser, type BackendContext } from './context.ts';
import { actingAdmin, adminRefOf, adminRefs } from './admins.ts';
import { decodeTimeCursor, keysetTime, pageFrom } from './paging.ts';
import { beginList, keysetListSql, listKey, readList, scopeKeys, scopeWhere } from './keyset-list.ts';
import { errorCodeOf, notFound, toIso, toIsoRequired } from './rows.ts';

const SERVICE = { kind: 'service' } as const;

interface RunRow {
  id: string;
  job_id: string;
  integration_id: string;
  org_id: string;
  kind: 'full' | 'delta';
  status: SyncRunStatus;
  dry_run: boolean;
  started_at: unknown;
  finished_at: unknown;
  duration_ms: number | null;
  records_total: number | null;
  records_seen: number;
  records_created: number;
  records_updated: number;
  records_unchanged: number;
  records_quarantined: number;
  records_lapsed: number;
  records_removed: number;
  conflicts_detected: number;
  conflicts_queued: number;
  summary: unknown;
  decided_by: string | null;
  decided_at: unknown;
  error_code: string | null;
  error_message: string | null;
  key_at: string;
}

const RUN_COLUMNS = `r.id, r.job_id, r.integration_id, r.org_id, r.kind, r.status, r.dry_run, r.started_at, r.finished_at,
  r.duration_ms, r.records_total, r.records_seen, r.records_created, r.records_updated, r.records_unchanged,
  r.records_quarantined, r.records_lapsed, r.records_removed, r.conflicts_detected, r.conflicts_queued, r.summary,
  r.decided_by, r.decided_at, r.error_code, r.error_message, ${keysetTime('r.started_at')} as key_at`;

/** Turns run rows into views, naming the admins who decided held runs. */
async function toRunViews(tx: Queryable, rows: readonly RunRow[]): Promise<SyncRunView[]> {
  const refs = await adminRefs(
    tx,
    rows.map((row) => row.decided_by),
  );
  const triggers = await jobTriggers(
    tx,
    rows.map((row) => row.job_id),
  );
  return rows.map((row) => {
    const errorCode = errorCodeOf(row.error_code);
    // The engine writes the summary; a shape this version does not know is left out, not guessed at.
    const summary = RunDeactivationSummary.safeParse(row.summary);
    return {
      id: row.id,
      jobId: row.job_id,
      integrationId: row.integration_id,
      orgId: row.org_id,
      kind: row.kind,
      status: row.status,
      trigger: triggerOf(triggers, row.job_id),
      dryRun: row.dry_run,
      startedAt: toIsoRequired(row.started_at),
      finishedAt: toIso(row.finished_at),
      durationMs: row.duration_ms,
      counts: {
        total: row.records_total,
        seen: row.records_seen,
        created: row.records_created,
        updated: row.records_updated,
        unchanged: row.records_unchanged,
        quarantined: row.records_quarantined,
        lapsed: row.records_lapsed,
        removed: row.records_removed,
        conflictsDetected: row.conflicts_detected,
        conflictsQueued: row.conflicts_queued,
      },
      summary: summary.success ? summary.data : null,
      decidedBy: adminRefOf(refs, row.decided_by),
      decidedAt: toIso(row.decided_at),
      errorCode,
      errorMessage: row.error_message,
      errorActor: errorCode ? actorForErrorCode(errorCode) : null,
    };
  });
}

/** What queued each run's job, by job id: one primary-key probe per run of the page. */
async function jobTriggers(tx: Queryable, jobIds: readonly string[]): Promise<ReadonlyMap<string, JobTrigger>> {
  if (jobIds.length === 0) return new Map();
  const { rows } = await tx.query<{ id: string; trigger: JobTrigger }>(`select id, trigger from sync.sync_jobs where id = any($1::uuid[])`, [
    [...new Set(jobIds)],
  ]);
  return new Map(rows.map((row) => [row.id, row.trigger]));
}

function triggerOf(triggers: ReadonlyMap<string, JobTrigger>, jobId: string): JobTrigger {
  const trigger = triggers.get(jobId);
  // A run's job is in the same organization, under the same policy, and cascades with it.
  if (trigger === undefined) throw new Error('A sync run whose job is not visible');
  return trigger;
}

interface QuarantinedRow {
  id: string;
  external_id: string | null;
  reason: string;
  problems: unknown;
  first_seen_at: unknown;
  last_seen_at: unknown;
  occurrences: number;
  resolved_at: unknown;
  key_at: string;
}

/**
 * The stored problems as the contract has them. The column holds whatever the engine wrote, an
 * array of at most ten; an entry this version does not know is left out rather than failing the
 * page, and the reason is still shown beside it.
 */
function storedProblems(stored: unknown): QuarantinedRecordView['problems'] {
  if (!Array.isArray(stored)) return [];
  return stored
    .flatMap((entry) => {
      const parsed = QuarantineProblemEntry.safeParse(entry);
      return parsed.success ? [{ field: parsed.data.field, problem: parsed.data.problem }] : [];
    })
    .slice(0, MAX_QUARANTINE_PROBLEMS);
}

function toQuarantinedView(row: QuarantinedRow): QuarantinedRecordView {
  return {
    id: row.id,
    externalId: row.external_id,
    reason: row.reason,
    problems: storedProblems(row.problems),
    firstSeenAt: toIsoRequired(row.first_seen_at),
    lastSeenAt: toIsoRequired(row.last_seen_at),
    occurrences: row.occurrences,
    resolvedAt: toIso(row.resolved_at),
  };
}

/** A run as the caller sees it; not visible under row-level security is not_found. */
async function visibleRun(tx: Queryable, runId: string): Promise<SyncRunView> {
  const { rows } = await tx.query<RunRow>(`select ${RUN_COLUMNS} from sync.sync_runs r where r.id = $1`, [runId]);
  const [view] = await toRunViews(tx, rows);
  if (!view) throw notFound('The sync run');
  return view;
}

export function registerRunHandlers(router: Router<Operations, BackendContext>): void {
  router.register('runs.list', async ({ integrationId, orgId, status, cursor, limit }, { db, caller }) => {
    const after = decodeTimeCursor(cursor);
    return asCaller(db, caller, async (tx) => {
      const scope = await beginList(tx, caller, { orgId, integrationId });
      // Newest first on (started_at, id): a range of a sync_runs_list_* index for the integration,
      // each of the caller's organizations, or all runs, led by the status when one is asked for.
      const query =
        scope.kind === 'none'
          ? null
          : keysetListSql({
              table: 'sync.sync_runs',
              alias: 'r',
              time: 'started_at',
              select: RUN_COLUMNS,
              keys: [...scopeKeys(scope), ...(status === undefined ? [] : [listKey('status', [status])])],
              where: (param) => scopeWhere(scope, 'r', param),
              after,
              limit,
            });
      const rows = await readList<RunRow>(tx, query);
      const page = pageFrom(rows, limit, (row) => [row.key_at, row.id]);
      return { items: await toRunViews(tx, page.rows), nextCursor: page.nextCursor };
    });
  });

  router.register('runs.get', async ({ runId }, { db, caller }) => asCaller(db, caller, (tx) => visibleRun(tx, runId)));

  router.register('runs.quarantined', async ({ runId, cursor, limit }, { db, caller }) => {
    const after = decodeTimeCursor(cursor);
    return asCaller(db, caller, async (tx) => {
      await visibleRun(tx, runId);
      // quarantined_records keeps one row per registry record (its id and the reason: field paths
      // and problems, never values), pointing at the last run that met it. Newest first on
      // (last_seen_at, id), an index range of quarantined_records_run_idx.
      const { rows } = await tx.query<QuarantinedRow>(
        `select q.id, q.external_id, q.reason, q.problems, q.first_seen_at, q.last_seen_at, q.occurrences, q.resolved_at,
                ${keysetTime('q.last_seen_at')} as key_at
           from sync.quarantined_records q
          where q.last_run_id = $1
            and ($2::timestamptz is null or (q.last_seen_at, q.id) < ($2::timestamptz, $3::uuid))
          order by q.last_seen_at desc, q.id desc
          limit $4`,
        [runId, after?.at ?? null, after?.id ?? null, limit + 1],
      );
      const page = pageFrom(rows, limit, (row) => [row.key_at, row.id]);
      return { items: page.rows.map(toQuarantinedView), nextCursor: page.nextCursor };
    });
  });

  router.register('runs.approve', async ({ runId }, { db, caller }) => {
    requireUser(caller);
    // Seen under RLS first: a run of another organization is not_found, and nothing happens.
    const decider = await asCaller(db, caller, async (tx) => {
      await visibleRun(tx, runId);
      return actingAdmin(tx);
    });
    // Applying held deactivations writes members, which only the engine may do.
    const outcome = await asCaller(db, SERVICE, (tx) => approveHeldRun(tx, runId, decider));
    const run = await asCaller(db, caller, (tx) => visibleRun(tx, runId));
    return { run, lapsed: outcome.lapsed, removed: outcome.removed, updated: outcome.updated };
  });

  router.register('runs.reject', async ({ runId }, { db, caller }) => {
    requireUser(caller);
    const decider = await asCaller(db, caller, async (tx) => {
      await visibleRun(tx, runId);
      return actingAdmin(tx);
    });
    await asCaller(db, SERVICE, (tx) => rejectHeldRun(tx, runId, decider));
    return { run: await asCaller(db, caller, (tx) => visibleRun(tx, runId)) };
  });
}
