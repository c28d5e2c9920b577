import type { EnrichmentWeek } from '../../../../shared/contract/enrichment.ts';

/** The ISO 8601 week number of a date (`2026-11-30` is in week 49), the way Norwegian calendars number weeks. */
export function isoWeekNumber(isoDate: string): number {
  const date = new Date(`${isoDate}T00:00:00Z`);
  // The Thursday of the same week decides the year the week belongs to.
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  firstThursday.setUTCDate(firstThursday.getUTCDate() - firstWeekday + 3);
  return 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
}

/** At most `max` evenly spread positions of `count` bars, the last one always among them: the axis labels them. */
export function tickPositions(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, index) => index);
  const step = Math.ceil((count - 1) / (max - 1));
  const positions: number[] = [];
  for (let index = count - 1; index >= 0; index -= step) positions.unshift(index);
  return positions;
}

/** Whole numbers from 0 to at least `highest`, at most five of them: a count axis has no halves. */
export function countTicks(highest: number): number[] {
  const top = Math.max(1, highest);
  const step = Math.max(1, Math.ceil(top / 4));
  const ticks: number[] = [];
  for (let value = 0; value < top + step; value += step) ticks.push(value);
  return ticks;
}

export interface WeekSummary {
  total: number;
  busiest: EnrichmentWeek | null;
}

/** The numbers written over all weeks, and the week with the most (the latest of equals). */
export function summarizeWeeks(weeks: readonly EnrichmentWeek[]): WeekSummary {
  let total = 0;
  let busiest: EnrichmentWeek | null = null;
  for (const week of weeks) {
    total += week.enriched;
    if (week.enriched > 0 && (busiest === null || week.enriched >= busiest.enriched)) busiest = week;
  }
  return { total, busiest };
}
