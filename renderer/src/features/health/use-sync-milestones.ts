import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrationHealth } from '../../../../shared/contract/schemas.ts';
import { callOperation } from '../../api/client.ts';
import { announce } from '../../stores/announce.ts';

interface Seen {
  jobId: string | null;
  dryRun: boolean;
  halfway: boolean;
}

type Outcome = 'succeeded' | 'failed' | 'cancelled' | 'held' | 'previewed';

/**
 * How a job that left the board ended, from the job itself: a job cancelled while queued has no
 * run, and a preview's run is not the board's last run.
 */
async function outcomeOf(jobId: string, dryRun: boolean, integration: IntegrationHealth): Promise<Outcome> {
  const job = await callOperation('sync.job', { jobId });
  if (job.status === 'failed') return 'failed';
  if (job.status === 'cancelled') return 'cancelled';
  if (dryRun) return 'previewed';
  return integration.heldRunId !== null && integration.lastFullRun?.status === 'awaiting_approval' ? 'held' : 'succeeded';
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
        if (job && before?.jobId !== job.id) announce(t(job.dryRun ? 'announce.previewStarted' : 'announce.started', { name }));
        else if (job && halfway && !before?.halfway) announce(t('announce.halfway', { name }));
        else if (!job && before?.jobId) {
          // A lost answer here only costs the announcement; the board shows the outcome anyway.
          outcomeOf(before.jobId, before.dryRun, integration).then(
            (outcome) => announce(t(`announce.${outcome}`, { name })),
            () => undefined,
          );
        }
      }
      next.set(integration.integrationId, {
        jobId: job?.id ?? null,
        dryRun: job?.dryRun ?? false,
        halfway: job !== null && (halfway || (before?.jobId === job.id && before.halfway)),
      });
    }
    seen.current = next;
  }, [integrations, nameOf, t]);
}
