import type { IntegrationHealth } from '../../../../shared/contract/schemas.ts';
import { actorForErrorCode } from '../../../../shared/domain/errors.ts';
import { formatCount, formatDateTime } from '../../format.ts';
import { useHealthStore, useStarting } from '../../stores/health.ts';
import { ACTOR_LABELS, HEALTH_LABELS } from './health-labels.ts';
import { SyncProgress } from './SyncProgress.tsx';

const SYSTEM_NAMES = { cornerstone: 'Cornerstone', consio: 'Consio' } as const;

export function IntegrationCard({ integration }: { integration: IntegrationHealth }) {
  const syncNow = useHealthStore((state) => state.syncNow);
  const starting = useStarting().includes(integration.integrationId);
  const { lastRun, activeJob } = integration;
  const failure = lastRun?.status === 'failed' && !activeJob ? lastRun : null;

  return (
    <article
      className="integration-card"
      data-testid="integration-card"
      data-integration-id={integration.integrationId}
      data-health={integration.health}
    >
      <header>
        <span className={`health-dot health-${integration.health}`} aria-hidden="true" />
        <div>
          <h3>
            {integration.orgName} · {SYSTEM_NAMES[integration.system]}
          </h3>
          <p className="health-label" data-testid="health-label">
            {HEALTH_LABELS[integration.health]}
          </p>
        </div>
        <button
          type="button"
          onClick={() => void syncNow(integration.integrationId)}
          disabled={starting || activeJob !== null || !integration.enabled}
        >
          {activeJob ? 'Syncing…' : 'Sync now'}
        </button>
      </header>

      {activeJob ? <SyncProgress job={activeJob} /> : null}

      <dl className="facts">
        <div>
          <dt>Last successful sync</dt>
          <dd data-testid="last-sync">{integration.lastSuccessAt ? formatDateTime(integration.lastSuccessAt) : 'Never'}</dd>
        </div>
        <div>
          <dt>Members synced</dt>
          <dd data-testid="member-count" data-count={integration.memberCount}>
            {formatCount(integration.memberCount)}
          </dd>
        </div>
        {lastRun && lastRun.status !== 'running' ? (
          <div>
            <dt>Last run</dt>
            <dd data-testid="last-run">
              {formatCount(lastRun.recordsSeen)} read · {formatCount(lastRun.recordsCreated)} new · {formatCount(lastRun.recordsUpdated)} changed
              {lastRun.recordsFailed > 0 ? ` · ${formatCount(lastRun.recordsFailed)} rejected` : ''}
              {lastRun.durationMs !== null ? ` · ${(lastRun.durationMs / 1000).toFixed(1)} s` : ''}
            </dd>
          </div>
        ) : null}
      </dl>

      {failure ? (
        <div className="sync-error" role="alert" data-testid="sync-error">
          <p>{failure.errorMessage ?? 'The sync failed.'}</p>
          {failure.errorCode ? <p className="actor">{ACTOR_LABELS[actorForErrorCode(failure.errorCode)]}</p> : null}
        </div>
      ) : null}
    </article>
  );
}
