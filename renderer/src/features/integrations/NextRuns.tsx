import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import { useNow } from '../../use-now.ts';
import { nextRuns } from './schedule-presets.ts';

/** The next three full syncs of the schedule being chosen, worked out in the renderer as it changes. */
export function NextRuns({ expression }: { expression: string }) {
  const { t } = useTranslation('integrations');
  const format = useFormat();
  const now = useNow(60_000);
  const runs = useMemo(() => nextRuns(expression, new Date(now)), [expression, now]);

  return (
    <div className="next-runs" data-testid="next-runs">
      <p className="next-runs-title">{t('schedule.nextRuns')}</p>
      {runs.length > 0 ? (
        <ol aria-label={t('schedule.nextRuns')}>
          {runs.map((run) => (
            <li key={run.getTime()}>
              <time dateTime={run.toISOString()}>{format.dateTime(run.toISOString())}</time>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t('schedule.noNextRuns')}</p>
      )}
    </div>
  );
}
