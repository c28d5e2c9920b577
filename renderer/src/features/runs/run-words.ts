import type { SyncRunStatus } from '../../../../shared/contract/schemas.ts';
import type { SyncRunView } from '../../../../shared/contract/runs.ts';
import type { Tone } from '../../ui/StatusBadge.tsx';

export const RUN_STATUS_TONES: Record<SyncRunStatus, Tone> = {
  running: 'info',
  succeeded: 'ok',
  failed: 'error',
  cancelled: 'neutral',
  awaiting_approval: 'warning',
  rejected: 'neutral',
  superseded: 'neutral',
};

/** Which words name a run's kind: a preview is always a full sync that changed nothing. */
export function runKindKey(run: Pick<SyncRunView, 'kind' | 'dryRun'>): 'full' | 'delta' | 'preview' {
  return run.dryRun ? 'preview' : run.kind;
}
