import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrationHealth } from '../../../../shared/contract/schemas.ts';
import { announce } from '../../stores/announce.ts';

interface Seen {
  jobId: string | null;
  halfway: boolean;
}

/**
 * Announces each sync's start, its halfway mark and its outcome through the one live region,
 * never each poll's progress. The board's first read announces nothing: that is the state the
 * admin finds, not news.
 */
export function useSyncMilestones(integrations: IntegrationHealth[] | undefined, nameOf: (integration: IntegrationHealth) => string): void {
  const { t } = useTranslation('health');
  const seen = useRef<Map<string, Seen> | null>(null);

  useEffect(() => {
    if (!integrations) return;
    const previous = seen.current;
    const next = new Map<string, Seen>();
    for (const integration of integrations) {
      const before = previous?.get(integration.integrationId);
      const job = integration.activeJob;
      const name = nameOf(integration);
      const halfway = job !== null && job.total !== null && job.total > 0 && job.processed * 2 >= job.total;
      if (previous) {
        if (job && before?.jobId !== job.id) announce(t('announce.started', { name }));
        else if (job && halfway && !before?.halfway) announce(t('announce.halfway', { name }));
        else if (!job && before?.jobId) {
          const status = integration.lastRun?.status;
          // A cancelled job's run ends at the engine's next checkpoint: wait for its outcome.
          if (status === 'running') {
            next.set(integration.integrationId, before);
            continue;
          }
          const outcome =
            status === 'failed' ? 'failed' : status === 'cancelled' ? 'cancelled' : status === 'awaiting_approval' ? 'held' : 'succeeded';
          announce(t(`announce.${outcome}`, { name }));
        }
      }
      next.set(integration.integrationId, { jobId: job?.id ?? null, halfway: halfway || (before?.halfway ?? false) });
    }
    seen.current = next;
  }, [integrations, nameOf, t]);
}
