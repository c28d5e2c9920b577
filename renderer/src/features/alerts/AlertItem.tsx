import { useEffect, useId, useRef, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { AlertKind, AlertView } from '../../../../shared/contract/alerts.ts';
import { DataCategory } from '../../../../shared/domain/member.ts';
import { useFormat } from '../../i18n/format.ts';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { alertSentences } from './alert-words.ts';
import { useAcknowledgeAlert } from './queries.ts';

/** Where an alert about a run is acted on, and what the link says. */
const RUN_LINKS: Partial<Record<AlertKind, 'reviewRun' | 'failedRun' | 'quarantinedRun'>> = {
  run_held: 'reviewRun',
  repeated_failures: 'failedRun',
  credentials_failed: 'failedRun',
  records_quarantined: 'quarantinedRun',
};

/** Alerts acted on in the integration's settings: credentials the registry refuses, and webhook signatures. */
const SETTINGS_KINDS: ReadonlySet<AlertKind> = new Set<AlertKind>(['credentials_failed', 'webhook_signature']);

export function AlertItem({ alert, registryName }: { alert: AlertView; registryName: string | null }) {
  const { t } = useTranslation(['alerts', 'common']);
  const format = useFormat();
  const titleId = useId();
  const acknowledge = useAcknowledgeAlert();
  const [justAcknowledged, setJustAcknowledged] = useState(false);
  const acknowledgedNote = useRef<HTMLParagraphElement>(null);
  const title = t(`kind.${alert.kind}`);
  const settingsLink =
    alert.integrationId !== null &&
    alert.status === 'open' &&
    (SETTINGS_KINDS.has(alert.kind) || (alert.kind === 'repeated_failures' && alert.detail?.errorCode === 'source_auth_failed'))
      ? alert.integrationId
      : undefined;
  const runLink = alert.detail?.runId && alert.status === 'open' ? RUN_LINKS[alert.kind] : undefined;
  // A refused registry write is acted on from its conflict: the queue, narrowed to its registry and category.
  const writeCategory = DataCategory.safeParse(alert.detail?.category);
  const conflictsLink =
    alert.kind === 'source_write_failed' && alert.integrationId
      ? {
          integrationId: alert.integrationId,
          status: 'all' as const,
          ...(writeCategory.success ? { category: writeCategory.data } : {}),
        }
      : undefined;

  // The button goes once the alert is acknowledged: focus moves to what replaced it.
  useEffect(() => {
    if (justAcknowledged && alert.acknowledgedAt) acknowledgedNote.current?.focus();
  }, [justAcknowledged, alert.acknowledgedAt]);

  return (
    <li>
      <article
        className={`alert-item severity-${alert.severity}`}
        aria-labelledby={titleId}
        data-testid="alert"
        data-alert-id={alert.id}
        data-kind={alert.kind}
        data-acknowledged={alert.acknowledgedAt ? 'true' : 'false'}
      >
        <header>
          <h2 id={titleId}>{title}</h2>
          <StatusBadge tone={alert.severity === 'error' ? 'error' : 'warning'} testId="alert-severity">
            {t(`severity.${alert.severity}`)}
          </StatusBadge>
          {alert.status === 'resolved' ? <StatusBadge tone="ok">{t('resolved')}</StatusBadge> : null}
        </header>
        {registryName ? <p className="muted alert-registry">{t('registry', { name: registryName })}</p> : null}
        <div data-testid="alert-text">
          {alertSentences(alert, t, format.dateTime).map((sentence) => (
            <p key={sentence}>{sentence}</p>
          ))}
        </div>
        {alert.status === 'open' ? (
          <p className="actor" data-testid="alert-actor">
            {t(`common:actor.${alert.actor}`)}
          </p>
        ) : null}
        <dl className="alert-facts">
          <div>
            <dt className="visually-hidden">{t('occurrencesLabel')}</dt>
            <dd data-testid="alert-occurrences" data-count={alert.occurrences}>
              {t('occurrences', { count: alert.occurrences })}
            </dd>
          </div>
          <div>
            <dt>{t('firstSeen')}</dt>
            <dd>{format.dateTime(alert.firstRaisedAt)}</dd>
          </div>
          <div>
            <dt>{t('lastSeen')}</dt>
            <dd>{format.dateTime(alert.lastRaisedAt)}</dd>
          </div>
        </dl>
        {alert.resolvedAt ? <p>{t('resolvedAt', { when: format.dateTime(alert.resolvedAt) })}</p> : null}
        <footer>
          {alert.acknowledgedAt && alert.acknowledgedBy ? (
            <p ref={acknowledgedNote} tabIndex={-1} className="acknowledged" data-testid="alert-acknowledged">
              {t('acknowledgedBy', { name: alert.acknowledgedBy.displayName, when: format.dateTime(alert.acknowledgedAt) })}
            </p>
          ) : alert.status === 'open' ? (
            <Button
              busy={acknowledge.isPending}
              aria-describedby={titleId}
              onClick={() =>
                acknowledge.mutate(alert.id, {
                  onSuccess: () => {
                    setJustAcknowledged(true);
                    announce(t('announceAcknowledged', { title }));
                  },
                })
              }
            >
              {acknowledge.isPending ? t('acknowledging') : t('acknowledge')}
            </Button>
          ) : null}
          <ul className="card-links">
            {runLink && alert.detail?.runId ? (
              <li>
                <Link to="/runs/$runId" params={{ runId: alert.detail.runId }}>
                  {t(`links.${runLink}`)}
                </Link>
              </li>
            ) : null}
            {alert.kind === 'source_write_failed' && alert.detail?.conflictId ? (
              <li>
                <Link to="/conflicts/$conflictId" params={{ conflictId: alert.detail.conflictId }} data-testid="alert-conflict-link">
                  {t('links.sourceWriteConflict')}
                </Link>
              </li>
            ) : conflictsLink ? (
              <li>
                <Link to="/conflicts" search={conflictsLink} data-testid="alert-conflicts-link">
                  {t('links.sourceWrite')}
                </Link>
              </li>
            ) : null}
            {alert.kind === 'enrichment_write_late' ? (
              <li>
                <Link to="/enrichment" search={{ orgId: alert.orgId }} data-testid="alert-enrichment-link">
                  {t('links.enrichment')}
                </Link>
              </li>
            ) : null}
            {settingsLink ? (
              <li>
                <Link to="/integrations/$integrationId" params={{ integrationId: settingsLink }} data-testid="alert-settings-link">
                  {t(alert.kind === 'webhook_signature' ? 'links.webhookSettings' : 'links.credentialSettings')}
                </Link>
              </li>
            ) : null}
            {alert.integrationId ? (
              <li>
                <Link to="/integrations/$integrationId/runs" params={{ integrationId: alert.integrationId }}>
                  {t('links.history')}
                </Link>
              </li>
            ) : null}
          </ul>
        </footer>
      </article>
    </li>
  );
}
