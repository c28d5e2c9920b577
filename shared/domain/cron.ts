/**
 * Cron schedules for per-integration syncs: a parser for standard five-field cron expressions
 * and a search for the next run in a given time zone (the sync runs on Europe/Oslo wall-clock
 * time, whatever zone the server or the admin's machine is in).
 *
 * Runtime-agnostic on purpose: Node, Deno and the browser load this file, so time zones go
 * through `Intl.DateTimeFormat` only.
 *
 * Semantics follow Vixie cron:
 * - day-of-week 0 and 7 are both Sunday; `mon-fri`, `jan,jul` and similar names are accepted;
 * - a day field that starts with `*` (alone or with a step) is a wildcard for the day rule below;
 * - when day-of-month and day-of-week are both restricted, a day matches if EITHER matches
 *   (`0 12 13 * 5` runs on the 13th and on every Friday); when either is a wildcard, both must.
 *
 * Daylight saving time, decided here because cron implementations disagree:
 * - a wall-clock time that does not exist (02:00–02:59 on the night clocks go forward) runs at
 *   the instant the clocks jump, when they first show a later time (03:00), as Vixie cron runs
 *   jobs of the skipped hour right after the change: the nightly 02:00 sync still runs that
 *   night, an hour of real time after 01:00, and several skipped times run once between them;
 * - a wall-clock time that happens twice (02:00–02:59 on the night clocks go back) runs once,
 *   at its first occurrence, so a schedule every 15 minutes does not run again during the
 *   repeated hour either.
 */
import { z } from 'zod';

export const DEFAULT_FULL_SYNC_CRON = '0 2 * * *';
export const SYNC_TIME_ZONE = 'Europe/Oslo';

export interface CronSchedule {
  /** The expression with its whitespace normalised to single spaces. */
  readonly expression: string;
  /** Each field's allowed values, sorted ascending and without duplicates. */
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  /** 0 = Sunday … 6 = Saturday; a 7 in the expression is stored as 0. */
  readonly daysOfWeek: readonly number[];
  /** False when the field starts with `*`; decides between the OR and the AND day rule. */
  readonly dayOfMonthRestricted: boolean;
  readonly dayOfWeekRestricted: boolean;
}

export type CronParseResult = { ok: true; schedule: CronSchedule } | { ok: false; message: string };

interface FieldSpec {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Appended to out-of-range and not-a-number messages: what else the field accepts. */
  readonly hint?: string;
}

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const monthDisplayNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const minuteField: FieldSpec = { label: 'minute', min: 0, max: 59 };
const hourField: FieldSpec = { label: 'hour', min: 0, max: 23 };
const dayOfMonthField: FieldSpec = { label: 'day-of-month', min: 1, max: 31 };
const monthField: FieldSpec = { label: 'month', min: 1, max: 12, names: monthNames, hint: 'or a month name (jan–dec)' };
const dayOfWeekField: FieldSpec = {
  label: 'day-of-week',
  min: 0,
  max: 7,
  names: dayNames,
  hint: '(0 and 7 are both Sunday) or a day name (sun–sat)',
};

const fieldOrder = 'minute, hour, day of month, month and day of week';
const example = `e.g. '${DEFAULT_FULL_SYNC_CRON}' for every night at 02:00`;

class CronFieldError extends Error {}

function fieldError(spec: FieldSpec, text: string, problem: string): CronFieldError {
  return new CronFieldError(`The ${spec.label} field '${text}' ${problem}`);
}

function rangeProblem(spec: FieldSpec): string {
  return `must be between ${spec.min} and ${spec.max}${spec.hint ? ` ${spec.hint}` : ''}`;
}

function parseValue(spec: FieldSpec, text: string): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < spec.min || value > spec.max) throw fieldError(spec, text, rangeProblem(spec));
    return value;
  }
  const nameIndex = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  // Month names start at 1 (jan), day names at 0 (sun): the field minimum is the offset.
  if (nameIndex >= 0) return nameIndex + spec.min;
  const what = spec.names ? `is not a number ${spec.hint ?? ''}`.trimEnd() : 'is not a number';
  throw fieldError(spec, text, what);
}

function parseStep(spec: FieldSpec, item: string, stepText: string): number {
  if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
    throw fieldError(spec, item, `has a step '/${stepText}' that is not a whole number of at least 1`);
  }
  return Number(stepText);
}

function parseListItem(spec: FieldSpec, item: string, into: Set<number>): void {
  const parts = item.split('/');
  if (parts.length > 2) throw fieldError(spec, item, 'has more than one step');
  const [base = '', stepText] = parts;
  const step = stepText === undefined ? 1 : parseStep(spec, item, stepText);

  let low: number;
  let high: number;
  if (base === '*') {
    low = spec.min;
    high = spec.max;
  } else {
    const bounds = base.split('-');
    if (bounds.length > 2 || bounds.some((bound) => bound === '')) {
      throw fieldError(spec, item, "is not a valid range; write a range as 'low-high', e.g. '1-5'");
    }
    low = parseValue(spec, bounds[0] ?? '');
    high = bounds.length === 2 ? parseValue(spec, bounds[1] ?? '') : low;
    if (bounds.length === 1 && stepText !== undefined) {
      throw fieldError(spec, item, `has a step without a range; write '${base}-${spec.max}/${stepText}' or '*/${stepText}'`);
    }
    if (low > high) {
      throw fieldError(
        spec,
        item,
        "is a range that runs backwards; the first value must not be greater than the second (use a list such as '22-23,0-2' to wrap around)",
      );
    }
  }
  for (let value = low; value <= high; value += step) into.add(value);
}

function parseField(spec: FieldSpec, text: string): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw fieldError(spec, text, 'has an empty item in its list');
    parseListItem(spec, item, values);
  }
  return [...values].sort((a, b) => a - b);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function joinWords(words: readonly string[], conjunction: 'and' | 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1] ?? ''}`;
}

/**
 * The reason a schedule can never fire, or null. Only the day-of-month/month combination can
 * make that happen: with the OR rule any allowed weekday comes round in every month, and with
 * the AND rule every date (29 February included) falls on every weekday within 400 years.
 */
function neverFiresReason(schedule: Omit<CronSchedule, 'expression'>): string | null {
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return null;
  const firstDay = schedule.daysOfMonth[0] ?? 1;
  // 2000 is a leap year, so February gets its 29th day.
  if (schedule.months.some((month) => firstDay <= daysInMonth(2000, month))) return null;
  const monthWords = schedule.months.map((month) => monthDisplayNames[month - 1] ?? String(month));
  const dayWords = schedule.daysOfMonth.map(String);
  const verb = monthWords.length === 1 ? 'has' : 'have';
  return `The schedule never runs: ${joinWords(monthWords, 'and')} never ${verb} day ${joinWords(dayWords, 'or')}.`;
}

export function parseCron(expression: string): CronParseResult {
  const fields = expression
    .trim()
    .split(/\s+/)
    .filter((field) => field !== '');
  if (fields.length === 0) {
    return { ok: false, message: `The schedule is empty. Enter five fields: ${fieldOrder}, ${example}.` };
  }
  if (fields.length !== 5) {
    return {
      ok: false,
      message: `The schedule has ${fields.length} field${fields.length === 1 ? '' : 's'}, but it needs exactly 5: ${fieldOrder}, ${example}.`,
    };
  }
  const [minuteText = '', hourText = '', dayOfMonthText = '', monthText = '', dayOfWeekText = ''] = fields;
  try {
    const daysOfWeek = [...new Set(parseField(dayOfWeekField, dayOfWeekText).map((day) => day % 7))].sort((a, b) => a - b);
    const parsed = {
      minutes: parseField(minuteField, minuteText),
      hours: parseField(hourField, hourText),
      daysOfMonth: parseField(dayOfMonthField, dayOfMonthText),
      months: parseField(monthField, monthText),
      daysOfWeek,
      // Vixie cron looks only at the first character: `*/2` counts as a wildcard here.
      dayOfMonthRestricted: !dayOfMonthText.startsWith('*'),
      dayOfWeekRestricted: !dayOfWeekText.startsWith('*'),
    };
    const reason = neverFiresReason(parsed);
    if (reason !== null) return { ok: false, message: reason };
    return { ok: true, schedule: { expression: fields.join(' '), ...parsed } };
  } catch (error) {
    if (error instanceof CronFieldError) return { ok: false, message: `${error.message}.` };
    throw error;
  }
}

/** A cron expression as forms and the backend accept it; the error message is parseCron's. */
export const CronExpression = z
  .string()
  .trim()
  .max(100, { error: 'The schedule must be at most 100 characters long.', abort: true })
  .superRefine((value, ctx) => {
    const result = parseCron(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
  });

// ---------------------------------------------------------------------------------------------
// Next occurrence
// ---------------------------------------------------------------------------------------------

const minuteMs = 60_000;
const dayMs = 86_400_000;

/** A wall-clock minute, 1-based month. */
interface WallMinute {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch (error) {
    throw new RangeError(`Unknown time zone '${timeZone}'.`, { cause: error });
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

/** The wall-clock time at `instant` (whole seconds) as if it were UTC, in milliseconds. */
function wallClockMs(formatter: Intl.DateTimeFormat, instant: number): number {
  const fields: Record<string, number> = {};
  let isBeforeCommonEra = false;
  for (const part of formatter.formatToParts(instant)) {
    if (part.type === 'era') isBeforeCommonEra = part.value.startsWith('B');
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = isBeforeCommonEra ? 1 - (fields.year ?? 0) : (fields.year ?? 0);
  // Some engines still print midnight as 24 despite hourCycle h23.
  const hour = (fields.hour ?? 0) % 24;
  const utc = new Date(0);
  utc.setUTCFullYear(year, (fields.month ?? 1) - 1, fields.day ?? 1);
  utc.setUTCHours(hour, fields.minute ?? 0, fields.second ?? 0, 0);
  return utc.getTime();
}

/** The zone's UTC offset at `instant`, in milliseconds. */
function offsetAt(formatter: Intl.DateTimeFormat, instant: number): number {
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return wallClockMs(formatter, wholeSecond) - wholeSecond;
}

/**
 * The first instant at which the zone's clocks show `wall` (wall-clock time as UTC ms), or null
 * when they never do (the gap when clocks go forward). For a time shown twice, the earlier one.
 */
function firstInstantShowing(formatter: Intl.DateTimeFormat, wall: number): number | null {
  const candidateOffsets = new Set([offsetAt(formatter, wall - dayMs), offsetAt(formatter, wall), offsetAt(formatter, wall + dayMs)]);
  for (const offset of [...candidateOffsets]) candidateOffsets.add(offsetAt(formatter, wall - offset));
  let first: number | null = null;
  for (const offset of candidateOffsets) {
    const instant = wall - offset;
    if (offsetAt(formatter, instant) === offset && (first === null || instant < first)) first = instant;
  }
  return first;
}

/**
 * For a wall-clock time the zone's clocks skip (`firstInstantShowing` is null): the instant
 * they jump past it, i.e. the first whole second at which they show a later time.
 */
function instantClocksJumpPast(formatter: Intl.DateTimeFormat, wall: number): number {
  const offsets = [offsetAt(formatter, wall - dayMs), offsetAt(formatter, wall + dayMs)];
  // Read with the larger offset, `wall` is an instant before the jump; with the smaller, after.
  let before = wall - Math.max(...offsets);
  let after = wall - Math.min(...offsets);
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (wallClockMs(formatter, middle) > wall) after = middle;
    else before = middle;
  }
  return after;
}

function toWallMinute(wallMs: number): WallMinute {
  const date = new Date(wallMs);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
}

function fromWallMinute(wall: WallMinute): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, 0, 0);
  return date.getTime();
}

function firstAtLeast(sorted: readonly number[], value: number): number | undefined {
  return sorted.find((candidate) => candidate >= value);
}

function dayMatches(schedule: CronSchedule, year: number, month: number, day: number): boolean {
  const dayOfWeek = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const byDayOfMonth = schedule.daysOfMonth.includes(day);
  const byDayOfWeek = schedule.daysOfWeek.includes(dayOfWeek);
  return schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted ? byDayOfMonth || byDayOfWeek : byDayOfMonth && byDayOfWeek;
}

/**
 * The first wall-clock minute at or after `from` that the schedule matches, ignoring time zones.
 * Skips whole months, days and hours that cannot match, so sparse schedules take a few hundred
 * steps at most. Null when nothing matches within 400 years (the Gregorian cycle).
 */
function nextMatchingWallMinute(schedule: CronSchedule, from: WallMinute): WallMinute | null {
  const wall = { ...from };
  const lastYear = from.year + 401;
  const nextDay = (): void => {
    wall.day += 1;
    wall.hour = 0;
    wall.minute = 0;
  };
  while (wall.year <= lastYear) {
    const month = firstAtLeast(schedule.months, wall.month);
    if (month === undefined) {
      wall.year += 1;
      wall.month = schedule.months[0] ?? 1;
      wall.day = 1;
      wall.hour = 0;
      wall.minute = 0;
      continue;
    }
    if (month !== wall.month) {
      wall.month = month;
      wall.day = 1;
      wall.hour = 0;
      wall.minute = 0;
    }
    if (wall.day > daysInMonth(wall.year, wall.month)) {
      wall.month += 1;
      wall.day = 1;
      wall.hour = 0;
      wall.minute = 0;
      continue;
    }
    if (!dayMatches(schedule, wall.year, wall.month, wall.day)) {
      nextDay();
      continue;
    }
    const hour = firstAtLeast(schedule.hours, wall.hour);
    if (hour === undefined) {
      nextDay();
      continue;
    }
    if (hour !== wall.hour) {
      wall.hour = hour;
      wall.minute = 0;
    }
    const minute = firstAtLeast(schedule.minutes, wall.minute);
    if (minute === undefined) {
      wall.hour += 1;
      wall.minute = 0;
      if (wall.hour > 23) nextDay();
      continue;
    }
    wall.minute = minute;
    return wall;
  }
  return null;
}

/**
 * The first instant strictly after `after` at which the clocks in `timeZone` show a time the
 * schedule matches. See the file comment for how daylight-saving gaps and repeats are handled.
 *
 * @throws RangeError for an unknown time zone or an invalid date.
 */
export function nextOccurrence(schedule: CronSchedule, after: Date, timeZone: string): Date {
  const formatter = formatterFor(timeZone);
  const afterMs = after.getTime();
  if (Number.isNaN(afterMs)) throw new RangeError('nextOccurrence needs a valid date.');

  // Every wall-clock time fires at its first instant, and those instants rise with the wall
  // clock, so no time earlier than the wall clock at `after` can come after `after`.
  const startWall = wallClockMs(formatter, afterMs);
  let from = toWallMinute(Math.floor(startWall / minuteMs) * minuteMs);
  for (;;) {
    const candidate = nextMatchingWallMinute(schedule, from);
    if (candidate === null) throw new RangeError(`The schedule '${schedule.expression}' never runs.`);
    const candidateMs = fromWallMinute(candidate);
    const instant = firstInstantShowing(formatter, candidateMs) ?? instantClocksJumpPast(formatter, candidateMs);
    if (instant > afterMs) return new Date(instant);
    from = toWallMinute(candidateMs + minuteMs);
  }
}
