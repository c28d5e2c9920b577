import { describe, expect, it } from 'vitest';
import { deriveHealth } from '../../shared/domain/health.ts';

const now = new Date('2026-11-23T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describe('deriveHealth', () => {
  it.each([
    [{ activeJob: true, activeJobIsInitial: false, lastRunStatus: 'failed', lastSuccessAt: null, awaitingApproval: true }, 'syncing'],
    // The first full sync of a new integration is a state of its own, whatever came before it.
    [{ activeJob: true, activeJobIsInitial: true, lastRunStatus: 'failed', lastSuccessAt: null, awaitingApproval: false }, 'initial_sync'],
    [{ activeJob: false, activeJobIsInitial: false, lastRunStatus: 'failed', lastSuccessAt: hoursAgo(1), awaitingApproval: true }, 'failed'],
    [{ activeJob: false, activeJobIsInitial: false, lastRunStatus: null, lastSuccessAt: null, awaitingApproval: false }, 'never_synced'],
    [{ activeJob: false, activeJobIsInitial: false, lastRunStatus: 'succeeded', lastSuccessAt: hoursAgo(25.9), awaitingApproval: false }, 'healthy'],
    [{ activeJob: false, activeJobIsInitial: false, lastRunStatus: 'succeeded', lastSuccessAt: hoursAgo(26.1), awaitingApproval: false }, 'late'],
    [{ activeJob: false, activeJobIsInitial: false, lastRunStatus: 'succeeded', lastSuccessAt: hoursAgo(50.1), awaitingApproval: false }, 'stale'],
    [{ activeJob: false, activeJobIsInitial: false, lastRunStatus: 'cancelled', lastSuccessAt: hoursAgo(2), awaitingApproval: false }, 'healthy'],
    // A held run needs an admin even when a later delta succeeded, and even when the data is old.
    [
      { activeJob: false, activeJobIsInitial: false, lastRunStatus: 'awaiting_approval', lastSuccessAt: hoursAgo(60), awaitingApproval: true },
      'awaiting_approval',
    ],
    [
      { activeJob: false, activeJobIsInitial: false, lastRunStatus: 'succeeded', lastSuccessAt: hoursAgo(1), awaitingApproval: true },
      'awaiting_approval',
    ],
    // A decision is not news: rejected and superseded runs leave freshness to the last success.
    [{ activeJob: false, activeJobIsInitial: false, lastRunStatus: 'rejected', lastSuccessAt: hoursAgo(2), awaitingApproval: false }, 'healthy'],
    [{ activeJob: false, activeJobIsInitial: false, lastRunStatus: 'superseded', lastSuccessAt: hoursAgo(30), awaitingApproval: false }, 'late'],
  ] as const)('%o is %s', (input, expected) => {
    expect(deriveHealth({ now, ...input })).toBe(expected);
  });
});
