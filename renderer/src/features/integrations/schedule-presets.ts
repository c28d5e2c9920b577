import { SYNC_TIME_ZONE, nextOccurrence, parseCron } from '../../../../shared/domain/cron.ts';

/** The full sync's schedule helper, on the settings screen and in the onboarding wizard alike. */
export const SCHEDULE_PRESETS = ['nightly', 'weekly', 'custom'] as const;
export type SchedulePreset = (typeof SCHEDULE_PRESETS)[number];

/** What the schedule helper shows: a preset with its time (and day), or a cron expression as typed. */
export interface ScheduleChoice {
  preset: SchedulePreset;
  /** "HH:MM", Oslo wall-clock time. */
  time: string;
  /** 0 = Sunday … 6 = Saturday, as cron counts. */
  day: number;
  custom: string;
}

/** The time a preset starts at: the nightly full sync's default (DEFAULT_FULL_SYNC_CRON). */
const DEFAULT_TIME = '02:00';
/** Monday first, as a Norwegian week starts; the cron day number and its name's key. */
export const WEEK_DAYS = [
  [1, 'mon'],
  [2, 'tue'],
  [3, 'wed'],
  [4, 'thu'],
  [5, 'fri'],
  [6, 'sat'],
  [0, 'sun'],
] as const;

/** A cron day of the week's key among the day names (`schedule.days`): 0 and 7 are Sunday. */
export const dayKey = (day: number): (typeof WEEK_DAYS)[number][1] => WEEK_DAYS.find(([number]) => number === day % 7)?.[1] ?? 'sun';

/** The delta intervals offered, in minutes (the contract allows 5 to 1440). */
export const DELTA_INTERVALS = [5, 15, 30, 60, 360, 1440] as const;

const pad = (value: number) => String(value).padStart(2, '0');

function parseTime(time: string): { hour: number; minute: number } | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/** The cron expression a choice stands for; a time that cannot be read gives an empty (invalid) schedule. */
export function cronOf(choice: ScheduleChoice): string {
  if (choice.preset === 'custom') return choice.custom;
  const time = parseTime(choice.time);
  if (!time) return '';
  return `${time.minute} ${time.hour} * * ${choice.preset === 'weekly' ? choice.day : '*'}`;
}

/** The helper's choice for a saved expression: a preset where it is one, otherwise the expression itself. */
export function choiceOf(expression: string): ScheduleChoice {
  const fields = expression.trim().split(/\s+/);
  const base: ScheduleChoice = { preset: 'custom', time: DEFAULT_TIME, day: 1, custom: expression.trim() };
  const [minute = '', hour = '', dayOfMonth, month, dayOfWeek = ''] = fields;
  if (fields.length !== 5 || !/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour) || dayOfMonth !== '*' || month !== '*') return base;
  if (Number(minute) > 59 || Number(hour) > 23) return base;
  const time = `${pad(Number(hour))}:${pad(Number(minute))}`;
  if (dayOfWeek === '*') return { ...base, preset: 'nightly', time };
  if (/^[0-7]$/.test(dayOfWeek)) return { ...base, preset: 'weekly', time, day: Number(dayOfWeek) % 7 };
  return base;
}

/** The next `count` runs of a schedule after `after`, in Oslo time; empty when the expression is not valid. */
export function nextRuns(expression: string, after: Date, count = 3): Date[] {
  const parsed = parseCron(expression);
  if (!parsed.ok) return [];
  const runs: Date[] = [];
  let from = after;
  for (let index = 0; index < count; index++) {
    from = nextOccurrence(parsed.schedule, from, SYNC_TIME_ZONE);
    runs.push(from);
  }
  return runs;
}
