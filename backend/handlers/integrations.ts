import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import type { IntegrationSchedule } from '../../shared/contract/integrations.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { parseCron } from '../../shared/domain/cron.ts';
import type { Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { recordAuditEvent } from '../engine/audit.ts';
import { requireUser, type BackendContext } from './context.ts';
import { actingAdmin } from './admins.ts';
import { notFound, toIso } from './rows.ts';
import { withServiceRole } from './service-role.ts';

interface ScheduleRow {
  id: string;
  org_id: string;
  display_name: string;
  schedule_cron: string;
  schedule_timezone: string;
  delta_interval_minutes: number;
  next_full_sync_at: unknown;
  next_delta_sync_at: unknown;
}

async function readSchedule(tx: Queryable, integrationId: string, lock: boolean): Promise<ScheduleRow> {
  const { rows } = await tx.query<ScheduleRow>(
    `select id, org_id, display_name, schedule_cron, schedule_timezone, delta_interval_minutes, next_full_sync_at, next_delta_sync_at
       from sync.integrations where id = $1 ${lock ? 'for update' : ''}`,
    [integrationId],
  );
  if (!rows[0]) throw notFound('The integration');
  return rows[0];
}

const toSchedule = (row: ScheduleRow): IntegrationSchedule => ({
  integrationId: row.id,
  scheduleCron: row.schedule_cron,
  scheduleTimezone: row.schedule_timezone,
  deltaIntervalMinutes: row.delta_interval_minutes,
  nextFullSyncAt: toIso(row.next_full_sync_at),
  nextDeltaSyncAt: toIso(row.next_delta_sync_at),
});

export function registerIntegrationHandlers(router: Router<Operations, BackendContext>): void {
  router.register('integrations.updateSchedule', async ({ integrationId, scheduleCron, deltaIntervalMinutes }, { db, caller }) => {
    requireUser(caller);
    // The contract's CronExpression already refused a bad schedule; this only normalises spacing.
    const parsed = parseCron(scheduleCron);
    if (!parsed.ok) throw new AppError('invalid_input', parsed.message, 'org_admin', [{ path: 'scheduleCron', message: parsed.message }]);
    const cron = parsed.schedule.expression;
    return asCaller(db, caller, async (tx) => {
      const before = await readSchedule(tx, integrationId, true);
      const admin = await actingAdmin(tx);
      if (before.schedule_cron === cron && before.delta_interval_minutes === deltaIntervalMinutes) return toSchedule(before);
      // As the caller: the column grants allow exactly these two, and RLS the admin's own integrations.
      await tx.query(`update sync.integrations set schedule_cron = $2, delta_interval_minutes = $3 where id = $1`, [
        integrationId,
        cron,
        deltaIntervalMinutes,
      ]);
      await withServiceRole(tx, async (service) => {
        // The scheduler works out the next run from the changed schedule on its next pass
        // (null means "recompute", not "due now"). Not granted to admins: moving these would
        // let them queue syncs at will.
        await service.query(
          `update sync.integrations
              set next_full_sync_at = case when $2 then null else next_full_sync_at end,
                  next_delta_sync_at = case when $3 then null else next_delta_sync_at end
            where id = $1`,
          [integrationId, before.schedule_cron !== cron, before.delta_interval_minutes !== deltaIntervalMinutes],
        );
        const changes: string[] = [];
        if (before.schedule_cron !== cron) changes.push(`full sync schedule '${before.schedule_cron}' → '${cron}'`);
        if (before.delta_interval_minutes !== deltaIntervalMinutes) {
          changes.push(`check for changes every ${before.delta_interval_minutes} → ${deltaIntervalMinutes} minutes`);
        }
        await recordAuditEvent(service, {
          orgId: before.org_id,
          integrationId,
          type: 'integration_changed',
          actor: { kind: 'admin', id: admin.userId, label: admin.label },
          summary: `${admin.label} changed the schedule of ${before.display_name}: ${changes.join('; ')}.`,
          detail: {
            before: { scheduleCron: before.schedule_cron, deltaIntervalMinutes: before.delta_interval_minutes },
            after: { scheduleCron: cron, deltaIntervalMinutes },
          },
        });
      });
      return toSchedule(await readSchedule(tx, integrationId, false));
    });
  });
}
