import { describe, expect, it } from 'vitest';
import { nextDay, osloDayRange, osloDayStart } from '../../renderer/src/features/audit/oslo-days.ts';

describe('Oslo calendar days as instants', () => {
  it('starts a winter day at 23:00 UTC the day before and a summer day at 22:00', () => {
    expect(osloDayStart('2026-01-15')).toBe('2026-01-14T23:00:00.000Z');
    expect(osloDayStart('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
  });

  it('handles the days the clocks change (last Sunday of March and of October)', () => {
    // 29 March 2026: clocks go forward at 02:00, so the day is 23 hours long.
    expect(osloDayStart('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(osloDayStart('2026-03-30')).toBe('2026-03-29T22:00:00.000Z');
    // 25 October 2026: clocks go back at 03:00, so the day is 25 hours long.
    expect(osloDayStart('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
    expect(osloDayStart('2026-10-26')).toBe('2026-10-25T23:00:00.000Z');
  });

  it('makes `to` exclusive at the start of the day after, across month, year and leap days', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(osloDayRange('2026-03-29', '2026-03-29')).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
    expect(osloDayRange('2026-10-25', '2026-10-25')).toEqual({ from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z' });
    expect(osloDayRange(undefined, '2026-12-31')).toEqual({ to: '2026-12-31T23:00:00.000Z' });
    expect(osloDayRange(undefined, undefined)).toEqual({});
  });

  it('refuses what is not a day', () => {
    expect(() => osloDayStart('2026-1-5')).toThrow(RangeError);
  });
});
