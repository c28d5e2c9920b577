import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { asCaller } from '../db/as-caller.ts';
import { recordAuditEvent } from '../engine/audit.ts';
import { closeRunIfCancelled } from '../engine/job-store.ts';
import { reportRunEnd } from '../engine/run-report.ts';
import { DELTA_OVERLAP_MS } from '../engine/scheduler.ts';
import { actingAdmin } from './admins.ts';
import { requireUser, type BackendContext } from './context.ts';
import { insertAdminJob, notFound, SYNC_JOB_COLUMNS, toIsoRequired, toSyncJobView, type SyncJobRow } from './rows.ts';
import type { SyncJobStatus } from '../../shared/contract/schemas.ts';
import { withServiceRole } from './service-role.ts';

export function registerSyncHandlers(router: Router<Operations, BackendContext>): void {
  router.register('sync.start', async ({ integrationId, kind, dryRun }, { db, caller, wakeWorker }) => {
    requireUser(caller);
    const result = await asCaller(db, caller, async (tx) => {
      const integration = await tx.query<{ org_id: string; enabled: boolean; delta_watermark: unknown }>(
        'select org_id, enabled, delta_watermark from sync.integrations where id = $1',
        [integrationId],
      );
      const target = integration.rows[0];
      if (!target) throw notFound('The integration');
      if (!target.enabled) throw new AppError('conflict', 'This integration is switched off. Turn it on before syncing.', 'org_admin');
      // A delta reads changes since the last sync; the watermark is set by the first full sync.
      let deltaSince: Date | null = null;
      if (kind === 'delta') {
        if (target.delta_watermark === null) {
          throw new AppError(
            'conflict',
            'This integration has never had a full sync, so there is nothing to read changes from. Run a full sync first.',
            'org_admin',
          );
        }
        // Re-read a little behind the watermark, as the scheduler does, for registry clock skew.
        deltaSince = new Date(Date.parse(toIsoRequired(target.delta_watermark)) - DELTA_OVERLAP_MS);
      }
      // The partial unique index allows one queued or running job per integration; a second
      // press of "Sync now" returns the job already under way instead of failing.
      const job = await insertAdminJob(tx, { integrationId, orgId: target.org_id, kind, dryRun });
      if (job) {
        if (deltaSince !== null) {
          // delta_since is the engine's to set (no column grant to admins); set in this same
          // transaction, so no worker can claim the job before it knows where to start.
          await withServiceRole(tx, (service) => service.query(`update sync.sync_jobs set delta_since = $2 where id = $1`, [job.id, deltaSince]));
        }
        return { job: toSyncJobView(job), alreadyActive: false };
      }
      const active = await tx.query<SyncJobRow>(
        `select ${SYNC_JOB_COLUMNS} from sync.sync_jobs where integration_id = $1 and status in ('queued', 'running')`,
        [integrationId],
      );
      if (!active.rows[0]) throw new AppError('conflict', 'A sync was just finishing. Press Sync now again.', 'org_admin');
      return { job: toSyncJobView(active.rows[0]), alreadyActive: true };
    });
    if (!result.alreadyActive) wakeWorker();
    return result;
  });

  router.register('sync.job', async ({ jobId }, { db, caller }) =>
    asCaller(db, caller, async (tx) => {
      const { rows } = await tx.query<SyncJobRow>(`select ${SYNC_JOB_COLUMNS} from sync.sync_jobs where id = $1`, [jobId]);
      if (!rows[0]) throw notFound('The sync job');
      return toSyncJobView(rows[0]);
    }),
  );

  router.register('sync.cancel', async ({ jobId }, { db, caller }) => {
    requireUser(caller);
    return asCaller(db, caller, async (tx) => {
      const seen = await tx.query<SyncJobRow>(`select ${SYNC_JOB_COLUMNS} from sync.sync_jobs where id = $1`, [jobId]);
      if (!seen.rows[0]) throw notFound('The sync job');
      // As the caller: the RLS policy lets an admin of the job's organization change only a
      // queued or running job, and only to cancelled. A job that ended meanwhile is left alone.
      const cancelled = await tx.query<{ org_id: string; integration_id: string; kind: 'full' | 'delta'; dry_run: boolean; held: boolean }>(
        `update sync.sync_jobs set status = 'cancelled' where id = $1 and status in ('queued', 'running')
         returning org_id, integration_id, kind, dry_run, claimed_by is not null as held`,
        [jobId],
      );
      const job = cancelled.rows[0];
      if (!job) {
        const now = await tx.query<{ status: SyncJobStatus }>(`select status from sync.sync_jobs where id = $1`, [jobId]);
        throw new AppError('conflict', alreadyEnded(now.rows[0]?.status ?? seen.rows[0].status), 'org_admin');
      }
      const admin = await actingAdmin(tx);
      await withServiceRole(tx, async (service) => {
        const runs = await service.query<{ id: string }>(`select id from sync.sync_runs where job_id = $1 order by started_at desc limit 1`, [jobId]);
        const runId = runs.rows[0]?.id ?? null;
        // A running job's worker sees the cancel at its next checkpoint and ends the run itself.
        // A queued job has no worker: one that never started just ends; one a worker handed back
        // (deadline, shutdown, a stall) still has its run open, which ends here as cancelled.
        if (!job.held) {
          if (runId !== null && (await closeRunIfCancelled(service, jobId, runId))) await reportRunEnd(service, runId);
          await service.query(`update sync.sync_jobs set finished_at = coalesce(finished_at, now()) where id = $1`, [jobId]);
        }
        const what = job.dry_run ? 'dry run of a full sync' : `${job.kind} sync`;
        await recordAuditEvent(service, {
          orgId: job.org_id,
          integrationId: job.integration_id,
          type: 'sync_cancelled',
          actor: { kind: 'admin', id: admin.userId, label: admin.label },
          runId,
          summary: `${admin.label} cancelled a ${what}.`,
          outcome: 'warning',
          detail: { jobId, kind: job.kind, dryRun: job.dry_run, wasRunning: job.held },
        });
      });
      const { rows } = await tx.query<SyncJobRow>(`select ${SYNC_JOB_COLUMNS} from sync.sync_jobs where id = $1`, [jobId]);
      if (!rows[0]) throw notFound('The sync job');
      return toSyncJobView(rows[0]);
    });
  });
}

function alreadyEnded(status: SyncJobStatus): string {
  switch (status) {
    case 'cancelled':
      return 'This sync was already cancelled.';
    case 'failed':
      return 'This sync has already stopped with an error; there is nothing to cancel.';
    default:
      return 'This sync has already finished; there is nothing to cancel.';
  }
}
