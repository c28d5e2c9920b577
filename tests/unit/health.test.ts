import { describe, expect, it } from 'vitest';
import { deriveHealth } from '../../shared/domain/health.ts';

const now = new Date('2026-11-23T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describe('deriveHealth', () => {
  it.each([
    [{ activeJob: true, lastRunStatus: 'failed', lastSuccessAt: null }, 'syncing'],
    [{ activeJob: false, lastRunStatus: 'failed', lastSuccessAt: hoursAgo(1) }, 'failed'],
    [{ activeJob: false, lastRunStatus: null, lastSuccessAt: null }, 'never_synced'],
    [{ activeJob: false, lastRunStatus: 'succeeded', lastSuccessAt: hoursAgo(25.9) }, 'healthy'],
    [{ activeJob: false, lastRunStatus: 'succeeded', lastSuccessAt: hoursAgo(26.1) }, 'late'],
    [{ activeJob: false, lastRunStatus: 'succeeded', lastSuccessAt: hoursAgo(50.1) }, 'stale'],
    [{ activeJob: false, lastRunStatus: 'cancelled', lastSuccessAt: hoursAgo(2) }, 'healthy'],
  ] as const)('%o is %s', (input, expected) => {
    expect(deriveHealth({ now, ...input })).toBe(expected);
  });
});
