import { useTranslation } from 'react-i18next';
import type { SyncRunCounts } from '../../../../shared/contract/runs.ts';
import { useFormat } from '../../i18n/format.ts';

const ORDER = ['seen', 'created', 'updated', 'unchanged', 'quarantined', 'lapsed', 'removed', 'conflictsDetected', 'conflictsQueued'] as const;

/** A run's counts as a details grid; each value carries its key for tests to read. */
export function RunCounts({ counts }: { counts: SyncRunCounts }) {
  const { t } = useTranslation('runs');
  const format = useFormat();
  return (
    <dl className="details-grid" data-testid="run-counts">
      <div>
        <dt>{t('counts.total')}</dt>
        <dd data-count-key="total">{counts.total === null ? t('counts.totalUnknown') : format.count(counts.total)}</dd>
      </div>
      {ORDER.map((key) => (
        <div key={key}>
          <dt>
            {t(`counts.${key}`)}
            {key === 'quarantined' ? <span className="field-hint"> ({t('counts.quarantinedHint')})</span> : null}
          </dt>
          <dd data-count-key={key}>{format.count(counts[key])}</dd>
        </div>
      ))}
    </dl>
  );
}
