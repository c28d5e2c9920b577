import { useTranslation } from 'react-i18next';
import type { RunDeactivationSummary } from '../../../../shared/contract/runs.ts';
import { useFormat } from '../../i18n/format.ts';

/** What a held or previewed full sync would lapse or remove, against the safety limit. */
export function SafetySummary({ summary }: { summary: RunDeactivationSummary }) {
  const { t } = useTranslation('runs');
  const format = useFormat();
  return (
    <>
      <dl className="details-grid" data-testid="run-summary">
        <div>
          <dt>{t('summary.members')}</dt>
          <dd data-summary-key="members">{format.count(summary.members)}</dd>
        </div>
        <div>
          <dt>
            {t('summary.absent')}{' '}
            <span className="field-hint">({summary.absentAction === 'remove' ? t('summary.absentRemove') : t('summary.absentLapse')})</span>
          </dt>
          <dd data-summary-key="absent">{format.count(summary.absent)}</dd>
        </div>
        <div>
          <dt>{t('summary.deactivations')}</dt>
          <dd data-summary-key="deactivations">{format.count(summary.deactivations)}</dd>
        </div>
        <div>
          <dt>{t('summary.threshold')}</dt>
          <dd data-summary-key="threshold">{format.count(summary.threshold)}</dd>
        </div>
      </dl>
      <p className="field-hint">{t('summary.thresholdHint')}</p>
      {summary.sampleAbsent.length > 0 ? (
        <>
          <p className="summary-sample-title">{t('summary.sampleTitle')}</p>
          <ul className="summary-sample" data-testid="sample-absent">
            {summary.sampleAbsent.map((externalId) => (
              <li key={externalId}>{externalId}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
