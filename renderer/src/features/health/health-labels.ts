import type { HealthState } from '../../../../shared/domain/health.ts';
import type { ErrorActor } from '../../../../shared/domain/errors.ts';

export const HEALTH_LABELS: Record<HealthState, string> = {
  never_synced: 'Never synced',
  syncing: 'Syncing',
  healthy: 'Healthy',
  late: 'Late: no successful sync for 26 h',
  stale: 'Stale: no successful sync for 50 h',
  failed: 'Last sync failed',
  awaiting_approval: 'Waiting for approval: a full sync was held by the safety guard',
};

export const ACTOR_LABELS: Record<ErrorActor, string> = {
  org_admin: "Who must act: your organization's administrator",
  vendor: 'Who must act: the registry vendor (or try again later)',
  operator: 'Who must act: the sync service operators',
};
