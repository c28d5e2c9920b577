/**
 * The audit filter's days are Oslo calendar days (`2026-03-29`); the backend takes instants. A
 * day starts at midnight Oslo time, which is 23:00 or 22:00 UTC the day before depending on
 * summer time, so the offset is looked up for each day rather than assumed.
 */
const TIME_ZONE = 'Europe/Oslo';
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const osloParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Oslo's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function osloOffsetMs(utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of osloParts.formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

function parseDay(day: string): [number, number, number] {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`Not a calendar day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The instant Oslo's day begins, as ISO 8601 in UTC: `2026-07-01` → `2026-06-30T22:00:00.000Z`. */
export function osloDayStart(day: string): string {
  const [year, month, date] = parseDay(day);
  const midnightUtc = Date.UTC(year, month - 1, date);
  // Midnight always exists in Oslo (the clocks change at 02:00 and 03:00); two passes settle the offset.
  let instant = midnightUtc - osloOffsetMs(midnightUtc);
  instant = midnightUtc - osloOffsetMs(instant);
  return new Date(instant).toISOString();
}

/** The calendar day after `day`. */
export function nextDay(day: string): string {
  const [year, month, date] = parseDay(day);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/**
 * A range of Oslo days as the backend's instants: `from` inclusive at the start of its day, `to`
 * exclusive at the start of the day after, so the last day counts whole.
 */
export function osloDayRange(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  return {
    ...(from === undefined ? {} : { from: osloDayStart(from) }),
    ...(to === undefined ? {} : { to: osloDayStart(nextDay(to)) }),
  };
}
