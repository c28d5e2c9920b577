import { isNotFound } from '../../app/shown-in-place.ts';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { SyncRunView } from '../../../../shared/contract/runs.ts';
import { useFormat } from '../../i18n/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorExplanation } from '../../ui/ErrorExplanation.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { HeldRunDecision } from './HeldRunDecision.tsx';
import { QuarantinedRecords } from './QuarantinedRecords.tsx';
import { RunCounts } from './RunCounts.tsx';
import { SafetySummary } from './SafetySummary.tsx';
import { useRun } from './queries.ts';
import { RUN_STATUS_TONES, runKindKey } from './run-words.ts';
import { useRegistryNames } from './use-registry-names.ts';

const route = getRouteApi('/runs/$runId');

/** One run: its counts, its error in the admin's words, what it set aside, and a held run's decision. */
export function RunDetailPage() {
  const { runId } = route.useParams();
  const { t } = useTranslation(['runs', 'common']);
  const run = useRun(runId);

  if (run.isPending) return <p>{t('common:app.loading')}</p>;
  if (run.isError) {
    // Another organization's run is not_found for an organization admin, exactly like a run that never existed.
    const notFound = isNotFound(run.error);
    return (
      <>
        <PageHeading>{t('detail.notFoundTitle')}</PageHeading>
        <EmptyState title={notFound ? t('detail.notFound') : t('common:errors.unexpected')} action={<Link to="/">{t('backToBoard')}</Link>} />
      </>
    );
  }
  return <RunDetail run={run.data} />;
}

function RunDetail({ run }: { run: SyncRunView }) {
  const { t } = useTranslation(['runs', 'common']);
  const format = useFormat();
  const registryName = useRegistryNames()(run.integrationId);

  return (
    <div data-testid="run-detail" data-run-id={run.id} data-status={run.status}>
      <PageHeading>{t('detail.title', { kind: t(`kind.${runKindKey(run)}`), date: format.dateTime(run.startedAt) })}</PageHeading>
      <p className="run-detail-meta">
        {registryName ? <span>{t('detail.registry', { name: registryName })}</span> : null}
        <StatusBadge tone={RUN_STATUS_TONES[run.status]} testId="run-status">
          {t(`status.${run.status}`)}
        </StatusBadge>
        <Link to="/integrations/$integrationId/runs" params={{ integrationId: run.integrationId }}>
          {t('detail.toHistory')}
        </Link>
      </p>

      {run.dryRun ? (
        <p className="callout tone-info" data-testid="preview-notice">
          {t('detail.previewNotice')}
        </p>
      ) : null}

      {run.errorCode && run.errorCode !== 'held_for_approval' ? (
        <div className="callout tone-error" data-testid="run-error" data-code={run.errorCode}>
          <p className="callout-title">{t('detail.errorTitle')}</p>
          <ErrorExplanation code={run.errorCode} integrationId={run.integrationId} />
          {run.errorActor ? <p className="actor">{t(`common:actor.${run.errorActor}`)}</p> : null}
        </div>
      ) : null}

      <HeldRunDecision run={run} />

      <section className="panel" aria-labelledby="run-about-title">
        <h2 id="run-about-title">{t('detail.about')}</h2>
        <dl className="details-grid">
          <div>
            <dt>{t('detail.started')}</dt>
            <dd>{format.dateTime(run.startedAt)}</dd>
          </div>
          <div>
            <dt>{t('detail.finished')}</dt>
            <dd>{run.finishedAt ? format.dateTime(run.finishedAt) : t(`status.${run.status}`)}</dd>
          </div>
          <div>
            <dt>{t('detail.duration')}</dt>
            <dd>{run.durationMs === null ? t('table.running') : format.duration(run.durationMs)}</dd>
          </div>
          <div>
            <dt>{t('detail.trigger')}</dt>
            <dd>{t(`trigger.${run.trigger}`)}</dd>
          </div>
          {run.decidedBy && run.decidedAt ? (
            <div>
              <dt>{t('detail.decidedBy')}</dt>
              <dd data-testid="decided-by">{t('detail.decided', { name: run.decidedBy.displayName, when: format.dateTime(run.decidedAt) })}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section className="panel" aria-labelledby="run-counts-title">
        <h2 id="run-counts-title">{run.dryRun ? t('detail.previewCountsTitle') : t('detail.countsTitle')}</h2>
        <RunCounts counts={run.counts} />
        {run.dryRun && run.summary ? (
          <>
            <h3 className="summary-heading">{t('summary.previewTitle')}</h3>
            <SafetySummary summary={run.summary} />
          </>
        ) : null}
      </section>

      <QuarantinedRecords run={run} />
    </div>
  );
}
