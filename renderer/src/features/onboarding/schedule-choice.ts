import { z } from 'zod';
import { CronExpression, DEFAULT_FULL_SYNC_CRON } from '../../../../shared/domain/cron.ts';
import { DeltaIntervalMinutes } from '../../../../shared/contract/integrations.ts';
import { cronOf, SCHEDULE_PRESETS, WEEK_DAYS } from '../integrations/schedule-presets.ts';

/** Days of the week as cron numbers them, Monday first as a Norwegian calendar shows them. */
export const cronWeekdays = WEEK_DAYS.map(([day]) => day);

export const DEFAULT_DELTA_INTERVAL_MINUTES = 15;

/**
 * The full sync's schedule as the admin picks it: one of the settings screen's presets with a
 * time (and a day), or cron written out. It becomes the contract's `scheduleCron`, checked by the
 * contract's own `CronExpression`, and the delta interval is the contract's `DeltaIntervalMinutes`.
 */
export const ScheduleChoice = z
  .object({
    preset: z.enum(SCHEDULE_PRESETS),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    weekday: z.string().regex(/^[0-6]$/),
    customCron: z.string(),
    deltaIntervalMinutes: DeltaIntervalMinutes,
  })
  .superRefine((choice, ctx) => {
    if (choice.preset === 'custom' && !CronExpression.safeParse(choice.customCron).success) {
      ctx.addIssue({ code: 'custom', path: ['customCron'], message: 'Not a valid cron expression.' });
    }
  });
export type ScheduleChoiceInput = z.input<typeof ScheduleChoice>;
export type ScheduleChoiceValues = z.output<typeof ScheduleChoice>;

export const defaultScheduleChoice: ScheduleChoiceInput = {
  preset: 'nightly',
  time: '02:00',
  weekday: '1',
  customCron: DEFAULT_FULL_SYNC_CRON,
  deltaIntervalMinutes: DEFAULT_DELTA_INTERVAL_MINUTES,
};

/** The cron expression a choice stands for, as the settings screen's helper writes it; empty while the time cannot be read. */
export function cronOfChoice(choice: Pick<ScheduleChoiceValues, 'preset' | 'time' | 'weekday' | 'customCron'>): string {
  return cronOf({ preset: choice.preset, time: choice.time, day: Number(choice.weekday), custom: choice.customCron.trim() });
}
