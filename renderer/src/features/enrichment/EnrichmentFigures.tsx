import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrichmentOverview, EnrichmentStats } from '../../../../shared/contract/enrichment.ts';
import { useFormat } from '../../i18n/format.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';

/** What an organization's figures and the global total have in common. */
export type FigureSource = Pick<
  NonNullable<EnrichmentOverview['total']>,
  'baselineMissing' | 'enriched' | 'enrichedFromBaseline' | 'percentFilled' | 'under15Missing' | 'latestEnrichmentAt'
>;

/**
 * How far enrichment has come: the members missing a number when it was switched on, how many
 * numbers have been written, the share of the missing ones now filled in (members under 15 are
 * counted apart, since Vipps Login is closed to them), and when the latest was written.
 */
export function EnrichmentFigures({ figures, name }: { figures: FigureSource; name: string }) {
  const { t } = useTranslation('enrichment');
  const format = useFormat();
  const percent = figures.percentFilled;
  return (
    <dl className="enrichment-figures" aria-label={t('figures.label', { name })} data-testid="enrichment-figures">
      <div>
        <dt>{t('figures.baseline')}</dt>
        <dd>
          <span className="figure" data-testid="figure-baseline" data-count={figures.baselineMissing}>
            {format.count(figures.baselineMissing)}
          </span>
          <span className="figure-hint">{t('figures.baselineHint')}</span>
        </dd>
      </div>
      <div>
        <dt>{t('figures.enriched')}</dt>
        <dd>
          <span className="figure" data-testid="figure-enriched" data-count={figures.enriched}>
            {format.count(figures.enriched)}
          </span>
          {figures.enriched > 0 ? <span className="figure-hint">{t('figures.enrichedHint', { count: figures.enrichedFromBaseline })}</span> : null}
        </dd>
      </div>
      <div>
        <dt>{t('figures.percent')}</dt>
        <dd>
          {percent === null ? (
            <span className="figure" data-testid="figure-percent">
              {t('figures.percentNone')}
            </span>
          ) : (
            <>
              <span className="figure" data-testid="figure-percent" data-percent={percent}>
                {format.percent(percent)}
              </span>
              <progress className="figure-progress" max={100} value={percent} aria-label={t('figures.progressLabel', { name })} />
              <span className="figure-hint">
                {t('figures.progressText', { done: format.count(figures.enrichedFromBaseline), baseline: format.count(figures.baselineMissing) })}
              </span>
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('figures.under15')}</dt>
        <dd>
          <span className="figure" data-testid="figure-under15" data-count={figures.under15Missing}>
            {format.count(figures.under15Missing)}
          </span>
          <span className="figure-hint">{t('figures.under15Hint')}</span>
        </dd>
      </div>
      <div>
        <dt>{t('figures.latest')}</dt>
        <dd>
          <span className="figure figure-date" data-testid="figure-latest">
            {figures.latestEnrichmentAt ? (
              <time dateTime={figures.latestEnrichmentAt}>{format.dateTime(figures.latestEnrichmentAt)}</time>
            ) : (
              t('figures.none')
            )}
          </span>
        </dd>
      </div>
    </dl>
  );
}

/** Writes under way, writes not done, and birth dates to check: each in words with its symbol, never by colour alone. */
export function EnrichmentWork({ stats }: { stats: Pick<EnrichmentStats, 'pending' | 'failed' | 'toReview'> }) {
  const { t } = useTranslation('enrichment');
  const headingId = useId();
  const items = [
    { key: 'pending', count: stats.pending, tone: 'info', text: t('figures.pending', { count: stats.pending }) },
    { key: 'failed', count: stats.failed, tone: 'error', text: t('figures.failed', { count: stats.failed }) },
    { key: 'toReview', count: stats.toReview, tone: 'warning', text: t('figures.toReview', { count: stats.toReview }) },
  ] as const;
  const waiting = items.filter((item) => item.count > 0);
  return (
    <div className="enrichment-work" data-testid="enrichment-work">
      <p id={headingId} className="work-title">
        {t('figures.work')}
      </p>
      <ul aria-labelledby={headingId}>
        {waiting.length === 0 ? (
          <li>
            <StatusBadge tone="ok">{t('figures.nothingWaiting')}</StatusBadge>
          </li>
        ) : (
          waiting.map((item) => (
            <li key={item.key} data-testid={`work-${item.key}`} data-count={item.count}>
              <StatusBadge tone={item.tone}>{item.text}</StatusBadge>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
