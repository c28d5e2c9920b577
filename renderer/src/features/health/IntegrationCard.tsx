import { useId, useRef } from 'react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { IntegrationHealth } from '../../../../shared/contract/schemas.ts';
import { actorForErrorCode } from '../../../../shared/domain/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { ErrorExplanation } from '../../ui/ErrorExplanation.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { HEALTH_TONES } from './health-tone.ts';
import { RunFact } from './RunFact.tsx';
import { SyncControls } from './SyncControls.tsx';
import { SyncProgress } from './SyncProgress.tsx';

export function IntegrationCard({ integration, name }: { integration: IntegrationHealth; name: string }) {
  const { t } = useTranslation(['health', 'common']);
  const format = useFormat();
  const titleId = useId();
  const syncNow = useRef<HTMLButtonElement>(null);
  const { activeJob, lastRun, integrationId } = integration;
  const failure = lastRun?.status === 'failed' && !activeJob ? lastRun : null;

  return (
    <article
      className="integration-card"
      aria-labelledby={titleId}
      data-testid="integration-card"
      data-integration-id={integrationId}
      data-health={integration.health}
    >
      <header>
        <h3 id={titleId}>{t(`common:systems.${integration.system}`)}</h3>
        <StatusBadge tone={HEALTH_TONES[integration.health]} testId="health-label">
          {t(`state.${integration.health}`)}
        </StatusBadge>
      </header>

      {activeJob ? <SyncProgress job={activeJob} name={name} focusAfter={syncNow} /> : null}

      <dl className="facts">
        <RunFact run={integration.lastFullRun} label={t('facts.lastFull')} hint={t('facts.lastFullHint')} testId="last-full-run" />
        <RunFact run={integration.lastDeltaRun} label={t('facts.lastDelta')} hint={t('facts.lastDeltaHint')} testId="last-delta-run" />
        {integration.lastPreviewRun ? (
          <RunFact run={integration.lastPreviewRun} label={t('facts.lastPreview')} hint={t('facts.lastPreviewHint')} testId="last-preview-run">
            <Link to="/runs/$runId" params={{ runId: integration.lastPreviewRun.id }}>
              {t('facts.seePreview')}
            </Link>
          </RunFact>
        ) : null}
        <div>
          <dt>{t('facts.changes')}</dt>
          <dd data-testid="change-delivery" data-webhooks={integration.webhooksSupported}>
            {integration.webhooksSupported ? t('facts.changesPushed') : t('facts.changesPolled')}
          </dd>
        </div>
        <div>
          <dt>{t('facts.members')}</dt>
          <dd data-testid="member-count" data-count={integration.memberCount}>
            {format.count(integration.memberCount)}
          </dd>
        </div>
      </dl>

      {integration.enabled ? null : (
        <p className="callout tone-warning" data-testid="switched-off">
          {t('switchedOff')}
        </p>
      )}

      {failure ? (
        <div className="callout tone-error" data-testid="sync-error" data-code={failure.errorCode ?? ''}>
          <p className="callout-title">{t('failure.title')}</p>
          <ErrorExplanation code={failure.errorCode ?? 'internal'} integrationId={integrationId} />
          <p className="actor">{t(`common:actor.${actorForErrorCode(failure.errorCode ?? 'internal')}`)}</p>
          <Link to="/integrations/$integrationId/runs" params={{ integrationId }}>
            {t('links.runs')}
          </Link>
        </div>
      ) : null}

      {integration.heldRunId ? (
        <div className="callout tone-warning" data-testid="held-run">
          <p>{t('heldRun')}</p>
          <Link to="/runs/$runId" params={{ runId: integration.heldRunId }}>
            {t('reviewHeldRun')}
          </Link>
        </div>
      ) : null}

      {integration.pendingConflicts > 0 ? (
        <p className="callout tone-info" data-testid="pending-conflicts">
          <Link to="/conflicts" search={{ integrationId, orgId: integration.orgId }}>
            {t('conflictsWaiting', { count: integration.pendingConflicts })}
          </Link>
        </p>
      ) : null}

      <footer>
        <SyncControls integration={integration} syncNow={syncNow} />
        <ul className="card-links">
          <li>
            <Link to="/integrations/$integrationId/runs" params={{ integrationId }}>
              {t('links.runs')}
            </Link>
          </li>
          <li>
            <Link to="/conflicts" search={{ integrationId, orgId: integration.orgId }}>
              {t('links.conflicts')}
            </Link>
          </li>
          <li>
            <Link to="/integrations/$integrationId" params={{ integrationId }}>
              {t('links.settings')}
            </Link>
          </li>
          <li>
            <Link to="/alerts" search={{ orgId: integration.orgId, integrationId }}>
              {integration.openAlerts.total > 0 ? t('alertsOpen', { count: integration.openAlerts.total }) : t('links.alerts')}
            </Link>
          </li>
        </ul>
      </footer>
    </article>
  );
}
