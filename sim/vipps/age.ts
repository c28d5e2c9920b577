import { osloIsoString } from '../cornerstone/oslo-time.ts';

/** Vipps Login needs a full profile, which nobody under 15 can have. */
export const minimumVippsLoginAge = 15;

/** The calendar date in Oslo at `instant`, as YYYY-MM-DD: a birthday starts at local midnight. */
export function osloDate(instant: Date): string {
  return osloIsoString(instant.getTime()).slice(0, 10);
}

/** Whole years from `birthDate` to `today` (both YYYY-MM-DD); a birthday counts from its own day. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
