import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { asCaller } from '../db/as-caller.ts';
import { DELTA_OVERLAP_MS } from '../engine/scheduler.ts';
import { requireUser, type BackendContext } from './context.ts';
import { notFound, SYNC_JOB_COLUMNS, toIsoRequired, toSyncJobView, type SyncJobRow } from './rows.ts';
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
      const inserted = await tx.query<SyncJobRow>(
        `insert into sync.sync_jobs (integration_id, org_id, kind, dry_run, requested_by)
         values ($1, $2, $3, $4, (select auth.uid()))
         on conflict (integration_id) where status in ('queued', 'running') do nothing
         returning ${SYNC_JOB_COLUMNS}`,
        [integrationId, target.org_id, kind, dryRun],
      );
      const job = inserted.rows[0];
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
}
