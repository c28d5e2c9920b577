import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncRunSummary } from '../../../../shared/contract/schemas.ts';
import { useFormat } from '../../i18n/format.ts';
import { useNow } from '../../use-now.ts';

/** One run on a card: when, how it went, and its counts. */
export function RunFact({
  run,
  label,
  hint,
  testId,
  children,
}: {
  run: SyncRunSummary | null;
  label: string;
  hint: string;
  testId: string;
  /** A link to act on the run, after its counts. */
  children?: ReactNode;
}) {
  const { t } = useTranslation('health');
  const format = useFormat();
  return (
    <div>
      <dt>
        {label} <span className="field-hint">({hint})</span>
      </dt>
      <dd data-testid={testId} data-status={run?.status ?? 'none'}>
        {run ? (
          <>
            <span>
              <RunTime at={run.finishedAt ?? run.startedAt} /> · {t(`facts.runOutcome.${run.status}`)}
            </span>
            {run.status !== 'running' && !(run.status === 'failed' && run.recordsSeen === 0) ? (
              <span className="run-counts">
                {t('facts.runCounts', {
                  seen: format.count(run.recordsSeen),
                  created: format.count(run.recordsCreated),
                  updated: format.count(run.recordsUpdated),
                })}
                {run.recordsQuarantined > 0 ? ` · ${t('facts.runQuarantined', { count: run.recordsQuarantined })}` : ''}
                {run.durationMs !== null ? ` · ${format.duration(run.durationMs)}` : ''}
              </span>
            ) : null}
          </>
        ) : (
          t('facts.never')
        )}
        {run ? children : null}
      </dd>
    </div>
  );
}

/** When a run ended (or began), in words and as a date. */
function RunTime({ at }: { at: string }) {
  const format = useFormat();
  const now = useNow(30_000);
  // A run's time is past: one that reads as ahead of `now` (refreshed every 30 s) is "now".
  return (
    <time dateTime={at}>
      {format.relative(at, Math.max(now, Date.parse(at)))} ({format.dateTime(at)})
    </time>
  );
}
