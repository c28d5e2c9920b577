import { z } from 'zod';
import type { Queryable } from '../db/port.ts';
import { DEFAULT_FULL_SYNC_CRON, nextOccurrence, parseCron, SYNC_TIME_ZONE, type CronSchedule } from '../../shared/domain/cron.ts';

/** Each delta job re-reads this far behind the watermark, for registry clock skew and late commits. */
export const DELTA_OVERLAP_MS = 5 * 60 * 1000;
/** With webhooks, polling is only a sweep for missed deliveries. */
export const WEBHOOK_SWEEP_MINUTES = 60;
/**
 * The registries whose webhooks we receive (`backend/webhooks/`). A registry that can send
 * webhooks but has no receiver here yet (Consio) is polled at its own interval, or its
 * changes would wait for the hourly sweep.
 */
const webhookReceivers: ReadonlySet<string> = new Set(['cornerstone']);

const DueRow = z.object({
  id: z.string(),
  org_id: z.string(),
  schedule_cron: z.string(),
  schedule_timezone: z.string(),
  next_full_sync_at: z.coerce.date().nullable(),
  next_delta_sync_at: z.coerce.date().nullable(),
  delta_watermark: z.coerce.date().nullable(),
  delta_interval_minutes: z.number(),
  webhooks_supported: z.boolean(),
  system: z.string(),
});

const defaultSchedule: CronSchedule = (() => {
  const parsed = parseCron(DEFAULT_FULL_SYNC_CRON);
  if (!parsed.ok) throw new Error(`The default schedule does not parse: ${parsed.message}`);
  return parsed.schedule;
})();

/** A stored expression or time zone that no longer parses (saved before validation) falls back to the defaults. */
function nextFullSync(cron: string, timeZone: string, after: Date): Date {
  const parsed = parseCron(cron);
  const schedule = parsed.ok ? parsed.schedule : defaultSchedule;
  try {
    return nextOccurrence(schedule, after, timeZone);
  } catch {
    return nextOccurrence(schedule, after, SYNC_TIME_ZONE);
  }
}

/**
 * Queues the full and delta syncs the schedules say are due. Run by every worker invocation
 * (pg_cron calls one a minute); `skip locked` lets concurrent invocations share the work, and
 * the one-active-job index keeps a due sync from being queued twice or on top of a running one.
 */
export async function enqueueDueJobs(tx: Queryable, now: Date): Promise<number> {
  const { rows } = await tx.query(
    `select id, org_id, schedule_cron, schedule_timezone, next_full_sync_at, next_delta_sync_at, delta_watermark,
            delta_interval_minutes, webhooks_supported, system
       from sync.integrations
      where enabled
        and (next_full_sync_at is null or next_full_sync_at <= $1
             or (delta_watermark is not null and (next_delta_sync_at is null or next_delta_sync_at <= $1)))
      for update skip locked`,
    [now],
  );
  let queued = 0;
  for (const raw of rows) {
    const row = DueRow.parse(raw);
    let nextFull = row.next_full_sync_at;
    let nextDelta = row.next_delta_sync_at;
    if (nextFull === null || nextFull <= now) {
      if (nextFull !== null) queued += await enqueue(tx, row.id, row.org_id, 'full', null);
      nextFull = nextFullSync(row.schedule_cron, row.schedule_timezone, now);
    }
    // Delta polling starts once a full sync has set the watermark.
    if (row.delta_watermark !== null && (nextDelta === null || nextDelta <= now)) {
      if (nextDelta !== null) {
        queued += await enqueue(tx, row.id, row.org_id, 'delta', new Date(row.delta_watermark.getTime() - DELTA_OVERLAP_MS));
      }
      const pushed = row.webhooks_supported && webhookReceivers.has(row.system);
      const minutes = pushed ? Math.max(WEBHOOK_SWEEP_MINUTES, row.delta_interval_minutes) : row.delta_interval_minutes;
      nextDelta = new Date(now.getTime() + minutes * 60_000);
    }
    await tx.query(`update sync.integrations set next_full_sync_at = $2, next_delta_sync_at = $3 where id = $1`, [row.id, nextFull, nextDelta]);
  }
  return queued;
}

async function enqueue(tx: Queryable, integrationId: string, orgId: string, kind: 'full' | 'delta', deltaSince: Date | null): Promise<number> {
  const { affectedRows } = await tx.query(
    `insert into sync.sync_jobs (integration_id, org_id, kind, delta_since, trigger)
     values ($1, $2, $3, $4, 'schedule')
     on conflict (integration_id) where status in ('queued', 'running') do nothing`,
    [integrationId, orgId, kind, deltaSince],
  );
  return affectedRows;
}
