import { z } from 'zod';

/**
 * Freshness follows Airbyte's 1x/2x rule adapted to a nightly schedule: data is late
 * after 26 h without a successful sync and stale (an error) after 50 h.
 */
export const LATE_AFTER_MS = 26 * 60 * 60 * 1000;
export const STALE_AFTER_MS = 50 * 60 * 60 * 1000;

/** `initial_sync`: the first full sync of an integration is under way (a later one is `syncing`). */
export const HealthState = z.enum(['never_synced', 'initial_sync', 'syncing', 'healthy', 'late', 'stale', 'failed', 'awaiting_approval']);
export type HealthState = z.infer<typeof HealthState>;

export interface HealthInputs {
  now: Date;
  activeJob: boolean;
  /** The latest run that was not a dry run (a dry run changes nothing, so it says nothing about freshness). */
  lastRunStatus: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'awaiting_approval' | 'rejected' | 'superseded' | null;
  /** The latest successful run that was not a dry run. */
  lastSuccessAt: Date | null;
  /** A full sync the safety guard held is waiting for an admin (it may be older than the last run). */
  awaitingApproval: boolean;
  /** The active job is a full sync (not a preview) of an integration no full sync has succeeded for yet. */
  activeJobIsInitial: boolean;
}

/**
 * One state per integration, worst news first: a running sync, then a failure, then a held
 * run waiting for an admin, then age. A rejected or superseded run is a decision, not news.
 */
export function deriveHealth(input: HealthInputs): HealthState {
  if (input.activeJob) return input.activeJobIsInitial ? 'initial_sync' : 'syncing';
  if (input.lastRunStatus === 'failed') return 'failed';
  if (input.awaitingApproval || input.lastRunStatus === 'awaiting_approval') return 'awaiting_approval';
  if (!input.lastSuccessAt) return 'never_synced';
  const age = input.now.getTime() - input.lastSuccessAt.getTime();
  if (age > STALE_AFTER_MS) return 'stale';
  if (age > LATE_AFTER_MS) return 'late';
  return 'healthy';
}
