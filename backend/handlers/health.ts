import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import type { IntegrationHealth, SyncRunSummary } from '../../shared/contract/schemas.ts';
import { deriveHealth } from '../../shared/domain/health.ts';
import { asCaller } from '../db/as-caller.ts';
import type { BackendContext } from './context.ts';
import { errorCodeOf, toIso, toIsoRequired, toSyncJobView, type SyncJobRow } from './rows.ts';

interface HealthRow {
  integration_id: string;
  org_id: string;
  org_name: string;
  system: 'cornerstone' | 'consio';
  display_name: string;
  enabled: boolean;
  webhooks_supported: boolean;
  ever_fully_synced: boolean;
  member_count: number;
  last_success_at: unknown;
  last_full_run: Record<string, unknown> | null;
  last_delta_run: Record<string, unknown> | null;
  last_preview_run: Record<string, unknown> | null;
  active_job: SyncJobRow | null;
  held_run_id: string | null;
  pending_conflicts: number;
  open_alerts: number;
  open_alert_errors: number;
  open_alert_unacknowledged: number;
}

function toRunSummary(run: Record<string, unknown>): SyncRunSummary {
  return {
    id: String(run['id']),
    kind: run['kind'] as SyncRunSummary['kind'],
    status: run['status'] as SyncRunSummary['status'],
    trigger: run['trigger'] as SyncRunSummary['trigger'],
    startedAt: toIsoRequired(run['started_at']),
    finishedAt: toIso(run['finished_at']),
    recordsSeen: Number(run['records_seen']),
    recordsCreated: Number(run['records_created']),
    recordsUpdated: Number(run['records_updated']),
    recordsQuarantined: Number(run['records_quarantined']),
    durationMs: run['duration_ms'] === null ? null : Number(run['duration_ms']),
    errorCode: errorCodeOf(run['error_code']),
    errorMessage: run['error_message'] === null ? null : String(run['error_message']),
  };
}

/**
 * The latest run of one kind of an integration that is not a dry run, as JSON with its job's
 * trigger: one probe of sync_runs_integration_kind_started_idx and one of the jobs' primary key.
 */
const latestRun = (which: 'full' | 'delta' | 'preview'): string =>
  `(select to_jsonb(r) || jsonb_build_object('trigger', (select j.trigger from sync.sync_jobs j where j.id = r.job_id))
      from sync.sync_runs r
     where r.integration_id = i.id and ${which === 'preview' ? 'r.dry_run' : `r.kind = '${which}' and not r.dry_run`}
     order by r.started_at desc limit 1)`;

/** The later of the two: the latest run of either kind. */
function later(a: SyncRunSummary | null, b: SyncRunSummary | null): SyncRunSummary | null {
  if (a === null || b === null) return a ?? b;
  return Date.parse(a.startedAt) >= Date.parse(b.startedAt) ? a : b;
}

export function registerHealthHandlers(router: Router<Operations, BackendContext>): void {
  router.register('health.list', async ({ orgId }, { db, caller }) => {
    const rows = await asCaller(db, caller, async (tx) => {
      // Every read per integration is an index probe (a `limit 1` on an index in its order, or a
      // count over an index range of what is open), so the board costs the same at 1 000 or
      // 100 000 members and however long the history: the last run of each kind on
      // (integration_id, kind, started_at desc), the last success on
      // (integration_id, status, started_at desc); the member count is the last successful full
      // run's (a delta reads only what changed), not a count of rows. Dry runs change nothing, so
      // they neither count as a run nor as a success. A held run is found by its partial index
      // even when later deltas ran; pending conflicts and open alerts by theirs. Row-level
      // security scopes it all.
      const result = await tx.query<HealthRow>(
        `select i.id as integration_id, i.org_id, o.name as org_name, i.system, i.display_name, i.enabled, (i.system = 'cornerstone' and i.webhooks_supported) as webhooks_supported,
                ok_full.finished_at is not null as ever_fully_synced,
                coalesce(ok_full.members_synced, 0) as member_count,
                ok.finished_at as last_success_at,
                ${latestRun('full')} as last_full_run,
                ${latestRun('delta')} as last_delta_run,
                ${latestRun('preview')} as last_preview_run,
                to_jsonb(aj) as active_job,
                (select h.id from sync.sync_runs h
                  where h.integration_id = i.id and h.status = 'awaiting_approval'
                  order by h.started_at desc limit 1) as held_run_id,
                (select count(*)::int from sync.conflicts c
                  where c.integration_id = i.id and c.status = 'pending') as pending_conflicts,
                oa.total as open_alerts, oa.errors as open_alert_errors, oa.unacknowledged as open_alert_unacknowledged
           from sync.integrations i
           join sync.organizations o on o.id = i.org_id
           left join lateral (select r.finished_at, r.records_seen - r.records_quarantined as members_synced
                                from sync.sync_runs r
                               where r.integration_id = i.id and r.kind = 'full' and not r.dry_run and r.status = 'succeeded'
                               order by r.started_at desc limit 1) ok_full on true
           left join lateral (select r.finished_at
                                from sync.sync_runs r
                               where r.integration_id = i.id and r.status = 'succeeded' and not r.dry_run
                               order by r.started_at desc limit 1) ok on true
           left join lateral (select j.id, j.integration_id, j.kind, j.status, j.trigger, j.dry_run, j.requested_at, j.started_at,
                                     j.finished_at, j.processed, j.total, j.error_code, j.error_message
                                from sync.sync_jobs j
                               where j.integration_id = i.id and j.status in ('queued', 'running')) aj on true
           cross join lateral (select count(*)::int as total, (count(*) filter (where a.severity = 'error'))::int as errors,
                                      (count(*) filter (where a.acknowledged_at is null))::int as unacknowledged
                                 from sync.alerts a
                                where a.integration_id = i.id and a.status = 'open') oa
          where $1::uuid is null or i.org_id = $1::uuid
          order by o.name, i.system`,
        [orgId ?? null],
      );
      return result.rows;
    });
    const now = new Date();
    return rows.map((row): IntegrationHealth => {
      const lastFullRun = row.last_full_run ? toRunSummary(row.last_full_run) : null;
      const lastDeltaRun = row.last_delta_run ? toRunSummary(row.last_delta_run) : null;
      const lastRun = later(lastFullRun, lastDeltaRun);
      const lastSuccessAt = toIso(row.last_success_at);
      return {
        integrationId: row.integration_id,
        orgId: row.org_id,
        orgName: row.org_name,
        system: row.system,
        displayName: row.display_name,
        enabled: row.enabled,
        webhooksSupported: row.webhooks_supported,
        health: deriveHealth({
          now,
          activeJob: row.active_job !== null,
          activeJobIsInitial: row.active_job !== null && row.active_job.kind === 'full' && !row.active_job.dry_run && !row.ever_fully_synced,
          lastRunStatus: lastRun?.status ?? null,
          lastSuccessAt: lastSuccessAt ? new Date(lastSuccessAt) : null,
          awaitingApproval: row.held_run_id !== null,
        }),
        lastSuccessAt,
        memberCount: row.member_count,
        lastRun,
        lastFullRun,
        lastDeltaRun,
        lastPreviewRun: row.last_preview_run ? toRunSummary(row.last_preview_run) : null,
        heldRunId: row.held_run_id,
        pendingConflicts: row.pending_conflicts,
        openAlerts: { total: row.open_alerts, errors: row.open_alert_errors, unacknowledged: row.open_alert_unacknowledged },
        activeJob: row.active_job ? toSyncJobView(row.active_job) : null,
      };
    });
  });
}
