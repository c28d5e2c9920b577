import { z } from 'zod';
import { CronExpression, DEFAULT_FULL_SYNC_CRON } from '../../../../shared/domain/cron.ts';
import { DeltaIntervalMinutes } from '../../../../shared/contract/integrations.ts';

export const schedulePresets = ['nightly', 'weekly', 'custom'] as const;
export type SchedulePreset = (typeof schedulePresets)[number];

/** Days of the week as cron numbers them, Monday first as a Norwegian calendar shows them. */
export const cronWeekdays = [1, 2, 3, 4, 5, 6, 0] as const;

export const DEFAULT_DELTA_INTERVAL_MINUTES = 15;

/**
 * The full sync's schedule as the admin picks it: a preset with a time (and a day), or cron
 * written out. It becomes the contract's `scheduleCron`, checked by the contract's own
 * `CronExpression`, and the delta interval is the contract's `DeltaIntervalMinutes`.
 */
export const ScheduleChoice = z
  .object({
    preset: z.enum(schedulePresets),
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

/** The cron expression a choice stands for. */
export function cronOf(choice: Pick<ScheduleChoiceValues, 'preset' | 'time' | 'weekday' | 'customCron'>): string {
  if (choice.preset === 'custom') return choice.customCron.trim();
  const [hours = '0', minutes = '0'] = choice.time.split(':');
  const day = choice.preset === 'weekly' ? choice.weekday : '*';
  return `${Number(minutes)} ${Number(hours)} * * ${day}`;
}
