import { z } from 'zod';
import type { Queryable } from '../db/port.ts';
import { LATE_AFTER_MS, STALE_AFTER_MS } from '../../shared/domain/health.ts';
import { actorForErrorCode, ErrorCode } from '../../shared/domain/errors.ts';
import { raiseAlert, resolveAlerts } from './alerts.ts';

const Row = z.object({
  id: z.string(),
  org_id: z.string(),
  display_name: z.string(),
  last_success_at: z.coerce.date().nullable(),
  last_error_code: z.string().nullable(),
});

const hours = (ms: number) => Math.round(ms / 3_600_000);

/**
 * Raises "late" after 26 h without a successful sync and "stale" after 50 h, the freshness
 * rule the health board shows. Integrations never synced are left to onboarding. Who must
 * act follows the latest failure: the admin for credentials, the vendor for outages, us
 * when nothing failed and still nothing ran.
 */
export async function evaluateStaleness(tx: Queryable, now: Date): Promise<number> {
  const { rows } = await tx.query(
    `select i.id, i.org_id, i.display_name,
            (select max(r.finished_at) from sync.sync_runs r
              where r.integration_id = i.id and r.status = 'succeeded' and not r.dry_run) as last_success_at,
            (select r.error_code from sync.sync_runs r
              where r.integration_id = i.id and r.status = 'failed' order by r.started_at desc limit 1) as last_error_code
       from sync.integrations i
      where i.enabled`,
  );
  let raised = 0;
  for (const raw of rows) {
    const row = Row.parse(raw);
    if (!row.last_success_at) continue;
    const age = now.getTime() - row.last_success_at.getTime();
    const code = ErrorCode.safeParse(row.last_error_code);
    const actor = code.success ? actorForErrorCode(code.data) : 'operator';
    const target = { orgId: row.org_id, integrationId: row.id };
    const detail = {
      lastSuccessAt: row.last_success_at.toISOString(),
      hoursSinceSuccess: Math.max(0, hours(age)),
      ...(code.success ? { errorCode: code.data } : {}),
    };
    if (age > STALE_AFTER_MS) {
      await resolveAlerts(tx, row.id, ['stale_late']);
      await raiseAlert(tx, {
        ...target,
        kind: 'stale_error',
        severity: 'error',
        actor,
        message: `${row.display_name} has not synced successfully for ${hours(age)} hours. Member data in the app may be out of date.`,
        detail,
      });
      raised++;
    } else if (age > LATE_AFTER_MS) {
      await raiseAlert(tx, {
        ...target,
        kind: 'stale_late',
        severity: 'warning',
        actor,
        message: `${row.display_name} last synced successfully ${hours(age)} hours ago; the nightly sync is late.`,
        detail,
      });
      raised++;
    } else {
      await resolveAlerts(tx, row.id, ['stale_late', 'stale_error']);
    }
  }
  return raised;
}
