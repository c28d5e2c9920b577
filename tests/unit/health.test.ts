import { describe, expect, it } from 'vitest';
import { deriveHealth } from '../../shared/domain/health.ts';

const now = new Date('2026-11-23T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describe('deriveHealth', () => {
  it.each([
    [{ activeJob: true, lastRunStatus: 'failed', lastSuccessAt: null, awaitingApproval: true }, 'syncing'],
    [{ activeJob: false, lastRunStatus: 'failed', lastSuccessAt: hoursAgo(1), awaitingApproval: true }, 'failed'],
    [{ activeJob: false, lastRunStatus: null, lastSuccessAt: null, awaitingApproval: false }, 'never_synced'],
    [{ activeJob: false, lastRunStatus: 'succeeded', lastSuccessAt: hoursAgo(25.9), awaitingApproval: false }, 'healthy'],
    [{ activeJob: false, lastRunStatus: 'succeeded', lastSuccessAt: hoursAgo(26.1), awaitingApproval: false }, 'late'],
    [{ activeJob: false, lastRunStatus: 'succeeded', lastSuccessAt: hoursAgo(50.1), awaitingApproval: false }, 'stale'],
    [{ activeJob: false, lastRunStatus: 'cancelled', lastSuccessAt: hoursAgo(2), awaitingApproval: false }, 'healthy'],
    // A held run needs an admin even when a later delta succeeded, and even when the data is old.
    [{ activeJob: false, lastRunStatus: 'awaiting_approval', lastSuccessAt: hoursAgo(60), awaitingApproval: true }, 'awaiting_approval'],
    [{ activeJob: false, lastRunStatus: 'succeeded', lastSuccessAt: hoursAgo(1), awaitingApproval: true }, 'awaiting_approval'],
    // A decision is not news: rejected and superseded runs leave freshness to the last success.
    [{ activeJob: false, lastRunStatus: 'rejected', lastSuccessAt: hoursAgo(2), awaitingApproval: false }, 'healthy'],
    [{ activeJob: false, lastRunStatus: 'superseded', lastSuccessAt: hoursAgo(30), awaitingApproval: false }, 'late'],
  ] as const)('%o is %s', (input, expected) => {
    expect(deriveHealth({ now, ...input })).toBe(expected);
  });
});
