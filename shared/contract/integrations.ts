import { z } from 'zod';
import { CronExpression } from '../domain/cron.ts';
import { isoDateTime } from './schemas.ts';

export const IntegrationSchedule = z.object({
  integrationId: z.uuid(),
  /** Five-field cron, in `scheduleTimezone` wall-clock time. */
  scheduleCron: z.string(),
  scheduleTimezone: z.string(),
  deltaIntervalMinutes: z.number().int(),
  /** Null until the scheduler has worked out the next run from the schedule. */
  nextFullSyncAt: isoDateTime.nullable(),
  nextDeltaSyncAt: isoDateTime.nullable(),
});
export type IntegrationSchedule = z.infer<typeof IntegrationSchedule>;

export const UpdateScheduleInput = z
  .object({
    integrationId: z.uuid(),
    scheduleCron: CronExpression,
    /** How often changes are polled between full syncs (the database allows 5 min to 24 h). */
    deltaIntervalMinutes: z.number().int().min(5).max(1440),
  })
  .strict();
