import type { HealthState } from '../../../../shared/domain/health.ts';
import type { Tone } from '../../ui/StatusBadge.tsx';

export const HEALTH_TONES: Record<HealthState, Tone> = {
  never_synced: 'neutral',
  initial_sync: 'info',
  syncing: 'info',
  healthy: 'ok',
  late: 'warning',
  awaiting_approval: 'warning',
  stale: 'error',
  failed: 'error',
};
