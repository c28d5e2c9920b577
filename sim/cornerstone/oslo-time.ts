/**
 * Cornerstone runs in Norway, so its timestamps carry Oslo's offset. The EU summer-time rule
 * (last Sunday of March to last Sunday of October, switching at 01:00 UTC) is computed directly
 * rather than through Intl, which costs microseconds per call on a hot page path.
 */
function lastSundayUtc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  const day = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, monthIndex, day, 1);
}

function osloOffsetMinutes(epochMs: number): number {
  const year = new Date(epochMs).getUTCFullYear();
  const summer = epochMs >= lastSundayUtc(year, 2) && epochMs < lastSundayUtc(year, 9);
  return summer ? 120 : 60;
}

/** ISO 8601 with Oslo's offset and whole seconds, e.g. `2024-03-15T10:22:31+01:00`. */
export function osloIsoString(epochMs: number): string {
  const offset = osloOffsetMinutes(epochMs);
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
  return `${local}+0${offset / 60}:00`;
}

/**
 * The same with milliseconds, e.g. `2025-09-01T10:22:31.047+02:00`. Changes made while the
 * simulator runs use it, so two changes to one member within a second still order.
 */
export function osloIsoStringMillis(epochMs: number): string {
  const whole = Math.floor(epochMs);
  const offset = osloOffsetMinutes(whole);
  const local = new Date(whole + offset * 60_000).toISOString().slice(0, 23);
  return `${local}+0${offset / 60}:00`;
}
