import { describe, expect, it } from 'vitest';
import { CronExpression, DEFAULT_FULL_SYNC_CRON, SYNC_TIME_ZONE, nextOccurrence, parseCron, type CronSchedule } from '../../shared/domain/cron.ts';

// Expected instants are worked out by hand, not by the code under test. Europe/Oslo is CET
// (UTC+1) in winter and CEST (UTC+2) in summer. In 2026 the clocks go forward at 01:00 UTC on
// Sunday 29 March (01:59:59 CET is followed by 03:00:00 CEST, so 02:00–02:59 never happens) and
// back at 01:00 UTC on Sunday 25 October (02:59:59 CEST is followed by 02:00:00 CET, so
// 02:00–02:59 happens twice). Weekdays: 1 January 2026 is a Thursday, so 4 January is a Sunday,
// 31 January a Saturday, 3 April a Friday, 13 April a Monday and 1 July a Wednesday.

const allMinutes = Array.from({ length: 60 }, (_, i) => i);
const allHours = Array.from({ length: 24 }, (_, i) => i);
const allDaysOfMonth = Array.from({ length: 31 }, (_, i) => i + 1);
const allMonths = Array.from({ length: 12 }, (_, i) => i + 1);
const allDaysOfWeek = [0, 1, 2, 3, 4, 5, 6];

function schedule(expression: string): CronSchedule {
  const result = parseCron(expression);
  if (!result.ok) throw new Error(`'${expression}' should parse: ${result.message}`);
  return result.schedule;
}

function errorFor(expression: string): string {
  const result = parseCron(expression);
  if (result.ok) throw new Error(`'${expression}' should not parse`);
  return result.message;
}

function next(expression: string, afterIso: string, timeZone = SYNC_TIME_ZONE): string {
  return nextOccurrence(schedule(expression), new Date(afterIso), timeZone).toISOString();
}

/** The next `count` runs, each searched from the previous one. */
function runs(expression: string, afterIso: string, count: number): string[] {
  const parsed = schedule(expression);
  const result: string[] = [];
  let after = new Date(afterIso);
  for (let i = 0; i < count; i++) {
    after = nextOccurrence(parsed, after, SYNC_TIME_ZONE);
    result.push(after.toISOString());
  }
  return result;
}

describe('constants', () => {
  it('defaults to a nightly 02:00 full sync on Oslo time', () => {
    expect(DEFAULT_FULL_SYNC_CRON).toBe('0 2 * * *');
    expect(SYNC_TIME_ZONE).toBe('Europe/Oslo');
    expect(parseCron(DEFAULT_FULL_SYNC_CRON).ok).toBe(true);
  });
});

describe('parseCron syntax', () => {
  it('parses plain numbers and wildcards', () => {
    expect(schedule('0 2 * * *')).toEqual({
      expression: '0 2 * * *',
      minutes: [0],
      hours: [2],
      daysOfMonth: allDaysOfMonth,
      months: allMonths,
      daysOfWeek: allDaysOfWeek,
      dayOfMonthRestricted: false,
      dayOfWeekRestricted: false,
    });
  });

  it('normalises surrounding and repeated whitespace, tabs included', () => {
    expect(schedule('  0\t2   *  * *  ').expression).toBe('0 2 * * *');
  });

  it('parses a wildcard in every field', () => {
    const parsed = schedule('* * * * *');
    expect(parsed.minutes).toEqual(allMinutes);
    expect(parsed.hours).toEqual(allHours);
  });

  it('parses lists, sorted and without duplicates', () => {
    expect(schedule('30,0,15,0 * * * *').minutes).toEqual([0, 15, 30]);
  });

  it('parses ranges, including one-value ranges', () => {
    expect(schedule('0 9-12 * * *').hours).toEqual([9, 10, 11, 12]);
    expect(schedule('0 5-5 * * *').hours).toEqual([5]);
  });

  it('parses steps over a wildcard', () => {
    expect(schedule('*/15 * * * *').minutes).toEqual([0, 15, 30, 45]);
    expect(schedule('0 */6 * * *').hours).toEqual([0, 6, 12, 18]);
    expect(schedule('0 0 */10 * *').daysOfMonth).toEqual([1, 11, 21, 31]);
    expect(schedule('0 0 1 */4 *').months).toEqual([1, 5, 9]);
  });

  it('parses steps over a range, and steps wider than the range', () => {
    expect(schedule('10-40/10 * * * *').minutes).toEqual([10, 20, 30, 40]);
    expect(schedule('0 1-23/2 * * *').hours).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23]);
    expect(schedule('*/90 * * * *').minutes).toEqual([0]);
  });

  it('parses a list mixing numbers, ranges and steps', () => {
    expect(schedule('0,5-7,50-59/5 * * * *').minutes).toEqual([0, 5, 6, 7, 50, 55]);
  });

  it('accepts leading zeros', () => {
    expect(schedule('05 02 * * *')).toMatchObject({ minutes: [5], hours: [2] });
  });

  it('treats day-of-week 0 and 7 as Sunday', () => {
    expect(schedule('0 0 * * 7').daysOfWeek).toEqual([0]);
    expect(schedule('0 0 * * 0,7').daysOfWeek).toEqual([0]);
    expect(schedule('0 0 * * 5-7').daysOfWeek).toEqual([0, 5, 6]);
    expect(schedule('0 0 * * 0-7').daysOfWeek).toEqual(allDaysOfWeek);
  });

  it('accepts month names in any case, alone, in lists and in ranges', () => {
    expect(schedule('0 0 1 jan *').months).toEqual([1]);
    expect(schedule('0 0 1 DEC *').months).toEqual([12]);
    expect(schedule('0 0 1 Jan,jul *').months).toEqual([1, 7]);
    expect(schedule('0 0 1 mar-may *').months).toEqual([3, 4, 5]);
    expect(schedule('0 0 1 jan-dec/3 *').months).toEqual([1, 4, 7, 10]);
  });

  it('accepts day names in any case, alone, in lists and in ranges', () => {
    expect(schedule('0 0 * * sun').daysOfWeek).toEqual([0]);
    expect(schedule('0 0 * * SAT').daysOfWeek).toEqual([6]);
    expect(schedule('0 0 * * Mon-Fri').daysOfWeek).toEqual([1, 2, 3, 4, 5]);
    expect(schedule('0 0 * * sat,sun').daysOfWeek).toEqual([0, 6]);
    expect(schedule('0 0 * * 1-fri').daysOfWeek).toEqual([1, 2, 3, 4, 5]);
  });

  it('gives names the same schedule as their numbers', () => {
    const { expression: _named, ...named } = schedule('0 9 * JAN,jul mon-FRI');
    const { expression: _numbered, ...numbered } = schedule('0 9 * 1,7 1-5');
    expect(named).toEqual(numbered);
  });

  it('marks a day field restricted unless it starts with * (as Vixie cron does)', () => {
    expect(schedule('0 0 13 * 5')).toMatchObject({ dayOfMonthRestricted: true, dayOfWeekRestricted: true });
    expect(schedule('0 0 * * 5')).toMatchObject({ dayOfMonthRestricted: false, dayOfWeekRestricted: true });
    expect(schedule('0 0 13 * *')).toMatchObject({ dayOfMonthRestricted: true, dayOfWeekRestricted: false });
    expect(schedule('0 0 */2 * 1-5/2')).toMatchObject({ dayOfMonthRestricted: false, dayOfWeekRestricted: true });
    expect(schedule('0 0 1-31 * 0-7')).toMatchObject({ dayOfMonthRestricted: true, dayOfWeekRestricted: true });
  });

  it('accepts a day that exists only in some of the listed months', () => {
    expect(parseCron('0 0 31 2,3 *').ok).toBe(true);
    expect(parseCron('0 0 30 2,4 *').ok).toBe(true);
    expect(parseCron('0 3 29 2 *').ok).toBe(true);
  });

  it('accepts 31 February when the day-of-week is also restricted (it then runs on those weekdays)', () => {
    expect(parseCron('0 0 31 2 mon').ok).toBe(true);
  });
});

describe('parseCron errors', () => {
  it.each([[''], ['   '], ['\t\n']])('rejects an empty schedule %j', (expression) => {
    expect(errorFor(expression)).toBe(
      "The schedule is empty. Enter five fields: minute, hour, day of month, month and day of week, e.g. '0 2 * * *' for every night at 02:00.",
    );
  });

  it('rejects too few fields', () => {
    expect(errorFor('0 2 *')).toBe(
      "The schedule has 3 fields, but it needs exactly 5: minute, hour, day of month, month and day of week, e.g. '0 2 * * *' for every night at 02:00.",
    );
    expect(errorFor('@daily')).toMatch(/^The schedule has 1 field, but it needs exactly 5/);
  });

  it('rejects too many fields (no seconds or year field)', () => {
    expect(errorFor('0 0 2 * * *')).toMatch(/^The schedule has 6 fields, but it needs exactly 5: /);
  });

  it.each([
    ['60 * * * *', "The minute field '60' must be between 0 and 59."],
    ['0 25 * * *', "The hour field '25' must be between 0 and 23."],
    ['0 0 0 * *', "The day-of-month field '0' must be between 1 and 31."],
    ['0 0 32 * *', "The day-of-month field '32' must be between 1 and 31."],
    ['0 0 1 13 *', "The month field '13' must be between 1 and 12 or a month name (jan–dec)."],
    ['0 0 1 0 *', "The month field '0' must be between 1 and 12 or a month name (jan–dec)."],
    ['0 0 * * 8', "The day-of-week field '8' must be between 0 and 7 (0 and 7 are both Sunday) or a day name (sun–sat)."],
    ['0 20-24 * * *', "The hour field '24' must be between 0 and 23."],
  ])('rejects an out-of-range value: %s', (expression, message) => {
    expect(errorFor(expression)).toBe(message);
  });

  it.each([
    ['x * * * *', "The minute field 'x' is not a number."],
    ['0 -1 * * *', "The hour field '-1' is not a valid range; write a range as 'low-high', e.g. '1-5'."],
    ['0 1.5 * * *', "The hour field '1.5' is not a number."],
    ['0 0 ? * *', "The day-of-month field '?' is not a number."],
    ['0 0 * foo *', "The month field 'foo' is not a number or a month name (jan–dec)."],
    ['0 0 * january *', "The month field 'january' is not a number or a month name (jan–dec)."],
    ['0 0 * * monday', "The day-of-week field 'monday' is not a number (0 and 7 are both Sunday) or a day name (sun–sat)."],
    ['0 0 * mon *', "The month field 'mon' is not a number or a month name (jan–dec)."],
    ['0 0 * * jan', "The day-of-week field 'jan' is not a number (0 and 7 are both Sunday) or a day name (sun–sat)."],
    ['jan 0 * * *', "The minute field 'jan' is not a number."],
  ])('rejects something that is not a value: %s', (expression, message) => {
    expect(errorFor(expression)).toBe(message);
  });

  it.each([
    ['1,,2 * * * *', "The minute field '1,,2' has an empty item in its list."],
    ['1, * * * *', "The minute field '1,' has an empty item in its list."],
    ['1-2-3 * * * *', "The minute field '1-2-3' is not a valid range; write a range as 'low-high', e.g. '1-5'."],
    ['0 5- * * *', "The hour field '5-' is not a valid range; write a range as 'low-high', e.g. '1-5'."],
    ['*-5 * * * *', "The minute field '*' is not a number."],
    [
      '0 22-2 * * *',
      "The hour field '22-2' is a range that runs backwards; the first value must not be greater than the second (use a list such as '22-23,0-2' to wrap around).",
    ],
    [
      '0 0 * * fri-mon',
      "The day-of-week field 'fri-mon' is a range that runs backwards; the first value must not be greater than the second (use a list such as '22-23,0-2' to wrap around).",
    ],
  ])('rejects a malformed list or range: %s', (expression, message) => {
    expect(errorFor(expression)).toBe(message);
  });

  it.each([
    ['*/0 * * * *', "The minute field '*/0' has a step '/0' that is not a whole number of at least 1."],
    ['*/x * * * *', "The minute field '*/x' has a step '/x' that is not a whole number of at least 1."],
    ['*/ * * * *', "The minute field '*/' has a step '/' that is not a whole number of at least 1."],
    ['1/2/3 * * * *', "The minute field '1/2/3' has more than one step."],
    ['5/15 * * * *', "The minute field '5/15' has a step without a range; write '5-59/15' or '*/15'."],
    ['0 3/4 * * *', "The hour field '3/4' has a step without a range; write '3-23/4' or '*/4'."],
  ])('rejects a bad step: %s', (expression, message) => {
    expect(errorFor(expression)).toBe(message);
  });

  it.each([
    ['0 0 31 2 *', 'The schedule never runs: February never has day 31.'],
    ['0 0 30 2 *', 'The schedule never runs: February never has day 30.'],
    ['0 0 30,31 feb *', 'The schedule never runs: February never has day 30 or 31.'],
    ['0 0 31 4,6,9,11 *', 'The schedule never runs: April, June, September and November never have day 31.'],
    ['0 0 31 2,4 */2', 'The schedule never runs: February and April never have day 31.'],
  ])('rejects a schedule that can never run: %s', (expression, message) => {
    expect(errorFor(expression)).toBe(message);
  });

  it('names the first bad field when several are bad', () => {
    expect(errorFor('99 99 * * *')).toBe("The minute field '99' must be between 0 and 59.");
  });
});

describe('CronExpression', () => {
  it('trims and accepts a valid expression', () => {
    expect(CronExpression.parse('  0 2 * * *  ')).toBe('0 2 * * *');
  });

  it("reports parseCron's message as its only issue", () => {
    const result = CronExpression.safeParse('0 25 * * *');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["The hour field '25' must be between 0 and 23."]);
  });

  it('rejects an empty expression', () => {
    const result = CronExpression.safeParse('   ');
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      "The schedule is empty. Enter five fields: minute, hour, day of month, month and day of week, e.g. '0 2 * * *' for every night at 02:00.",
    ]);
  });

  it('rejects an expression over 100 characters with one message', () => {
    const result = CronExpression.safeParse(`0 2 * * ${'1,'.repeat(60)}1`);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['The schedule must be at most 100 characters long.']);
  });

  it('rejects values that are not strings', () => {
    expect(CronExpression.safeParse(42).success).toBe(false);
    expect(CronExpression.safeParse(undefined).success).toBe(false);
  });
});

describe('nextOccurrence, nightly 02:00 in Oslo', () => {
  it('runs at 01:00 UTC in winter (CET, UTC+1)', () => {
    expect(next('0 2 * * *', '2026-01-15T12:00:00.000Z')).toBe('2026-01-16T01:00:00.000Z');
  });

  it('runs at 00:00 UTC in summer (CEST, UTC+2)', () => {
    expect(next('0 2 * * *', '2026-07-01T12:00:00.000Z')).toBe('2026-07-02T00:00:00.000Z');
  });

  it('uses the Oslo date, not the UTC date (23:30 UTC is already 01:30 the next day in Oslo)', () => {
    expect(next('0 2 * * *', '2026-07-01T23:30:00.000Z')).toBe('2026-07-02T00:00:00.000Z');
  });

  it('returns the next run when `after` is exactly on a run', () => {
    expect(next('0 2 * * *', '2026-01-16T01:00:00.000Z')).toBe('2026-01-17T01:00:00.000Z');
    expect(next('*/15 * * * *', '2026-01-16T01:15:00.000Z')).toBe('2026-01-16T01:30:00.000Z');
  });

  it('returns a run one millisecond away, and ignores the seconds of `after`', () => {
    expect(next('*/15 * * * *', '2026-01-16T01:14:59.999Z')).toBe('2026-01-16T01:15:00.000Z');
    expect(next('*/15 * * * *', '2026-01-16T01:15:00.001Z')).toBe('2026-01-16T01:30:00.000Z');
    expect(next('*/15 * * * *', '2026-01-16T01:00:30.000Z')).toBe('2026-01-16T01:15:00.000Z');
  });

  it('works in other zones too', () => {
    expect(next('0 2 * * *', '2026-01-15T12:00:00.000Z', 'UTC')).toBe('2026-01-16T02:00:00.000Z');
    // New York is UTC−5 in January.
    expect(next('0 2 * * *', '2026-01-15T12:00:00.000Z', 'America/New_York')).toBe('2026-01-16T07:00:00.000Z');
  });
});

describe('nextOccurrence across spring forward (Sunday 29 March 2026)', () => {
  const saturdayNoon = '2026-03-28T12:00:00.000Z';

  it('runs 02:30, which does not exist that night, when the clocks jump to 03:00, and at 02:30 the next night', () => {
    expect(runs('30 2 * * *', saturdayNoon, 2)).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
  });

  it('still runs the nightly 02:00 sync that night, an hour of real time after 01:00', () => {
    expect(runs(DEFAULT_FULL_SYNC_CRON, saturdayNoon, 3)).toEqual([
      '2026-03-29T01:00:00.000Z', // the jump to 03:00 CEST
      '2026-03-30T00:00:00.000Z', // 02:00 CEST
      '2026-03-31T00:00:00.000Z',
    ]);
  });

  it('runs the skipped times of an hourly-minute schedule once, at the jump, together with 03:00', () => {
    expect(runs('0,20,40 2,3 * * *', '2026-03-29T00:00:00.000Z', 4)).toEqual([
      '2026-03-29T01:00:00.000Z', // 02:00, 02:20, 02:40 and 03:00 CEST all at once
      '2026-03-29T01:20:00.000Z', // 03:20 CEST
      '2026-03-29T01:40:00.000Z', // 03:40 CEST
      '2026-03-30T00:00:00.000Z', // 02:00 CEST the next night
    ]);
  });

  it('finds the jump in a zone that moves by half an hour (Lord Howe, 5 October 2025: 02:00 → 02:30)', () => {
    // Lord Howe is UTC+10:30 in winter and UTC+11 in summer; the clocks jump at 15:30 UTC on 4 October.
    expect(next('15 2 * * *', '2025-10-04T12:00:00.000Z', 'Australia/Lord_Howe')).toBe('2025-10-04T15:30:00.000Z');
  });

  it('runs 03:00, the first minute of summer time, at 01:00 UTC', () => {
    expect(next('0 3 * * *', saturdayNoon)).toBe('2026-03-29T01:00:00.000Z');
  });

  it('runs 01:30 in winter time and 04:00 in summer time on the same day', () => {
    expect(runs('30 1 * * *', saturdayNoon, 1)).toEqual(['2026-03-29T00:30:00.000Z']);
    expect(runs('0 4 * * *', saturdayNoon, 1)).toEqual(['2026-03-29T02:00:00.000Z']);
  });

  it('runs every 15 minutes straight through the jump: 01:45 CET is followed by 03:00 CEST', () => {
    expect(runs('*/15 * * * *', '2026-03-29T00:20:00.000Z', 5)).toEqual([
      '2026-03-29T00:30:00.000Z', // 01:30 CET
      '2026-03-29T00:45:00.000Z', // 01:45 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST
      '2026-03-29T01:15:00.000Z', // 03:15 CEST
      '2026-03-29T01:30:00.000Z', // 03:30 CEST
    ]);
  });
});

describe('nextOccurrence across fall back (Sunday 25 October 2026)', () => {
  const saturdayNoon = '2026-10-24T12:00:00.000Z';

  it('runs 02:30 once, at its first occurrence (summer time)', () => {
    expect(next('30 2 * * *', saturdayNoon)).toBe('2026-10-25T00:30:00.000Z');
  });

  it('does not run 02:30 again in the repeated hour', () => {
    expect(next('30 2 * * *', '2026-10-25T00:30:00.000Z')).toBe('2026-10-26T01:30:00.000Z');
  });

  it('does not run 02:30 when `after` is inside the repeated hour, before the second 02:30', () => {
    // 01:10 UTC is 02:10 CET, the second time the clocks show 02:10.
    expect(next('30 2 * * *', '2026-10-25T01:10:00.000Z')).toBe('2026-10-26T01:30:00.000Z');
  });

  it('runs the nightly 02:00 once, at 00:00 UTC', () => {
    expect(runs('0 2 * * *', saturdayNoon, 2)).toEqual(['2026-10-25T00:00:00.000Z', '2026-10-26T01:00:00.000Z']);
  });

  it('runs 03:00, after the repeated hour, at 02:00 UTC', () => {
    expect(next('0 3 * * *', saturdayNoon)).toBe('2026-10-25T02:00:00.000Z');
  });

  it('runs every 15 minutes through the first 02:xx hour and not through the repeated one', () => {
    expect(runs('*/15 * * * *', '2026-10-24T23:50:00.000Z', 7)).toEqual([
      '2026-10-25T00:00:00.000Z', // 02:00 CEST
      '2026-10-25T00:15:00.000Z', // 02:15 CEST
      '2026-10-25T00:30:00.000Z', // 02:30 CEST
      '2026-10-25T00:45:00.000Z', // 02:45 CEST
      '2026-10-25T02:00:00.000Z', // 03:00 CET; 02:00–02:45 CET were already run
      '2026-10-25T02:15:00.000Z', // 03:15 CET
      '2026-10-25T02:30:00.000Z', // 03:30 CET
    ]);
  });

  it('runs every 15 minutes from inside the repeated hour at 03:00 CET', () => {
    expect(next('*/15 * * * *', '2026-10-25T01:20:00.000Z')).toBe('2026-10-25T02:00:00.000Z');
  });
});

describe('nextOccurrence day rules', () => {
  it('runs on the 13th OR on Fridays when both day fields are restricted', () => {
    // From Wednesday 1 April: Friday 3 April, then Friday 10 April, then Monday 13 April.
    expect(runs('0 12 13 * 5', '2026-04-01T00:00:00.000Z', 4)).toEqual([
      '2026-04-03T10:00:00.000Z',
      '2026-04-10T10:00:00.000Z',
      '2026-04-13T10:00:00.000Z',
      '2026-04-17T10:00:00.000Z',
    ]);
  });

  it('runs only on Fridays when day-of-month is *', () => {
    expect(next('0 12 * * fri', '2026-04-01T00:00:00.000Z')).toBe('2026-04-03T10:00:00.000Z');
  });

  it('runs only on the 13th when day-of-week is *', () => {
    expect(next('0 12 13 * *', '2026-04-01T00:00:00.000Z')).toBe('2026-04-13T10:00:00.000Z');
  });

  it('requires both when the day-of-month starts with * (odd days that are Fridays, as in Vixie cron)', () => {
    // With the OR rule this would be Wednesday 1 April, an odd day.
    expect(next('0 12 */2 * 5', '2026-04-01T00:00:00.000Z')).toBe('2026-04-03T10:00:00.000Z');
  });

  it('runs day-of-week 7 on Sundays', () => {
    expect(next('0 10 * * 7', '2026-01-01T00:00:00.000Z')).toBe('2026-01-04T09:00:00.000Z');
    expect(next('0 10 * * sun', '2026-01-01T00:00:00.000Z')).toBe('2026-01-04T09:00:00.000Z');
  });

  it('uses month and day names: weekdays in January and July', () => {
    // Saturday 31 January has passed the last January weekday; February to June are skipped.
    expect(next('0 9 * jan,jul mon-fri', '2026-01-31T12:00:00.000Z')).toBe('2026-07-01T07:00:00.000Z');
  });

  it('skips months without the day: the 31st after 31 January is 31 March', () => {
    expect(next('0 0 31 * *', '2026-01-31T12:00:00.000Z')).toBe('2026-03-30T22:00:00.000Z');
  });
});

describe('nextOccurrence on leap day', () => {
  it('finds 29 February 2028 from 2026', () => {
    expect(next('0 3 29 2 *', '2026-01-01T00:00:00.000Z')).toBe('2028-02-29T02:00:00.000Z');
  });

  it('finds 29 February 2032 from the 2028 run', () => {
    expect(next('0 3 29 2 *', '2028-02-29T02:00:00.000Z')).toBe('2032-02-29T02:00:00.000Z');
  });

  it('skips 2100, which is not a leap year', () => {
    expect(next('0 3 29 2 *', '2097-01-01T00:00:00.000Z')).toBe('2104-02-29T02:00:00.000Z');
  });

  it('finds fifty leap days in a row, across the centuries that have none', () => {
    // How fast the search is belongs to a benchmark; this checks it lands on the right days.
    const leapDay = schedule('0 3 29 2 *');
    let after = new Date('2001-01-01T00:00:00.000Z');
    for (let i = 0; i < 50; i++) after = nextOccurrence(leapDay, after, SYNC_TIME_ZONE);
    // 24 leap days in 2004–2096, none in 2100, 24 in 2104–2196, none in 2200: the 50th is in 2208.
    expect(after.toISOString()).toBe('2208-02-29T02:00:00.000Z');
  });
});

describe('nextOccurrence errors', () => {
  it.each([['Europe/Atlantis'], [''], ['Oslo']])('throws a RangeError for the unknown time zone %j', (timeZone) => {
    expect(() => nextOccurrence(schedule('0 2 * * *'), new Date('2026-01-01T00:00:00.000Z'), timeZone)).toThrow(RangeError);
  });

  it('names the unknown time zone', () => {
    expect(() => nextOccurrence(schedule('0 2 * * *'), new Date('2026-01-01T00:00:00.000Z'), 'Europe/Atlantis')).toThrow(
      "Unknown time zone 'Europe/Atlantis'.",
    );
  });

  it('throws a RangeError for an invalid date', () => {
    expect(() => nextOccurrence(schedule('0 2 * * *'), new Date('not a date'), SYNC_TIME_ZONE)).toThrow(RangeError);
  });
});
