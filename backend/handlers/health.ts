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
  member_count: number;
  last_success_at: unknown;
  last_run: Record<string, unknown> | null;
  active_job: SyncJobRow | null;
  awaiting_approval: boolean;
}

function toRunSummary(run: Record<string, unknown>): SyncRunSummary {
  return {
    id: String(run['id']),
    status: run['status'] as SyncRunSummary['status'],
    startedAt: toIsoRequired(run['started_at']),
    finishedAt: toIso(run['finished_at']),
    recordsSeen: Number(run['records_seen']),
    recordsCreated: Number(run['records_created']),
    recordsUpdated: Number(run['records_updated']),
    recordsFailed: Number(run['records_failed']),
    durationMs: run['duration_ms'] === null ? null : Number(run['duration_ms']),
    errorCode: errorCodeOf(run['error_code']),
    errorMessage: run['error_message'] === null ? null : String(run['error_message']),
  };
}

export function registerHealthHandlers(router: Router<Operations, BackendContext>): void {
  router.register('health.list', async ({ orgId }, { db, caller }) => {
    const rows = await asCaller(db, caller, async (tx) => {
      // Each lateral read is one index probe on (integration_id, started_at desc), so the board
      // costs the same at 1 000 or 100 000 members; the member count is the last successful
      // full run's (a delta reads only what changed), not a count of rows. Dry runs change
      // nothing, so they neither count as the last run nor as a success. A held run is found
      // by its partial index even when later deltas ran. Row-level security scopes it all.
      const result = await tx.query<HealthRow>(
        `select i.id as integration_id, i.org_id, o.name as org_name, i.system, i.display_name, i.enabled,
                coalesce(ok_full.members_synced, 0) as member_count,
                ok.finished_at as last_success_at,
                to_jsonb(lr) as last_run,
                to_jsonb(aj) as active_job,
                exists (select 1 from sync.sync_runs h
                         where h.integration_id = i.id and h.status = 'awaiting_approval') as awaiting_approval
           from sync.integrations i
           join sync.organizations o on o.id = i.org_id
           left join lateral (select * from sync.sync_runs r where r.integration_id = i.id and not r.dry_run
                               order by r.started_at desc limit 1) lr on true
           left join lateral (select r.finished_at, r.records_seen - r.records_failed as members_synced
                                from sync.sync_runs r
                               where r.integration_id = i.id and r.status = 'succeeded' and r.kind = 'full' and not r.dry_run
                               order by r.started_at desc limit 1) ok_full on true
           left join lateral (select r.finished_at
                                from sync.sync_runs r
                               where r.integration_id = i.id and r.status = 'succeeded' and not r.dry_run
                               order by r.started_at desc limit 1) ok on true
           left join lateral (select j.id, j.integration_id, j.kind, j.status, j.requested_at, j.started_at,
                                     j.finished_at, j.processed, j.total, j.error_code, j.error_message
                                from sync.sync_jobs j
                               where j.integration_id = i.id and j.status in ('queued', 'running')) aj on true
          where $1::uuid is null or i.org_id = $1::uuid
          order by o.name, i.system`,
        [orgId ?? null],
      );
      return result.rows;
    });
    const now = new Date();
    return rows.map((row): IntegrationHealth => {
      const lastRun = row.last_run ? toRunSummary(row.last_run) : null;
      const lastSuccessAt = toIso(row.last_success_at);
      return {
        integrationId: row.integration_id,
        orgId: row.org_id,
        orgName: row.org_name,
        system: row.system,
        displayName: row.display_name,
        enabled: row.enabled,
        health: deriveHealth({
          now,
          activeJob: row.active_job !== null,
          lastRunStatus: lastRun?.status ?? null,
          lastSuccessAt: lastSuccessAt ? new Date(lastSuccessAt) : null,
          awaitingApproval: row.awaiting_approval,
        }),
        lastSuccessAt,
        memberCount: row.member_count,
        lastRun,
        activeJob: row.active_job ? toSyncJobView(row.active_job) : null,
      };
    });
  });
}
