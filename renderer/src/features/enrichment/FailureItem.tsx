import { useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrichmentAttemptView, EnrichmentEventView } from '../../../../shared/contract/enrichment.ts';
import { useFormat } from '../../i18n/format.ts';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useFocusHandoff } from '../../ui/use-focus-handoff.ts';
import { useRetryEnrichment } from './queries.ts';
import { MemberRecordFacts } from './MemberRecordFacts.tsx';

/**
 * A member whose number is not in the registry yet: who, where, when they logged in, how often it
 * was tried and why it failed (in words from the error code), and whether the number can still be
 * tried again here or comes with their next login. Once written it leaves the list; focus, if it
 * was inside, goes to `focusAfter`.
 */
export function FailureItem({
  event,
  orgName,
  focusAfter,
}: {
  event: EnrichmentEventView;
  orgName: string | null;
  focusAfter: RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation(['enrichment', 'common']);
  const format = useFormat();
  const titleId = useId();
  const container = useFocusHandoff<HTMLElement>(focusAfter);
  const retry = useRetryEnrichment(({ result, event: after }) =>
    announce(
      result === 'failed'
        ? t('failures.announce.failed', { name: event.memberName, reason: t(`common:errors.${after.lastErrorCode ?? 'internal'}`) })
        : t(`failures.announce.${result}`, { name: event.memberName }),
    ),
  );

  const tryAgain = () => retry.mutate(event.eventId);

  return (
    <li>
      <article
        ref={container}
        className="enrichment-item"
        aria-labelledby={titleId}
        data-testid="enrichment-failure"
        data-event-id={event.eventId}
        data-outcome={event.outcome}
      >
        <header>
          <h3 id={titleId}>{event.memberName}</h3>
          <StatusBadge tone={event.outcome === 'pending' ? 'warning' : 'error'} testId="failure-status">
            {t(event.outcome === 'pending' ? 'failures.status.pending' : 'failures.status.failed')}
          </StatusBadge>
        </header>
        {orgName ? <p className="muted item-org">{orgName}</p> : null}
        <MemberRecordFacts event={event} testIdPrefix="failure">
          <div>
            <dt>{t('failures.attempts')}</dt>
            <dd data-testid="failure-attempts" data-count={event.attempts}>
              {format.count(event.attempts)}
            </dd>
          </div>
          <div>
            <dt>{t('failures.reason')}</dt>
            <dd data-testid="failure-reason" data-code={event.lastErrorCode ?? ''}>
              {event.lastErrorCode ? t(`common:errors.${event.lastErrorCode}`) : t('failures.reasonNone')}
            </dd>
          </div>
        </MemberRecordFacts>
        <p data-testid="failure-hold" data-held={event.heldUntil ? 'true' : 'false'}>
          {event.heldUntil ? t('failures.held', { time: format.time(event.heldUntil) }) : t('failures.notHeld')}
        </p>
        {event.recentAttempts.length > 0 ? <AttemptHistory attempts={event.recentAttempts} name={event.memberName} /> : null}
        {event.heldUntil ? (
          <div className="form-actions">
            <Button busy={retry.isPending} aria-describedby={titleId} onClick={tryAgain}>
              {retry.isPending ? t('failures.retrying') : t('failures.retry')}
            </Button>
          </div>
        ) : null}
      </article>
    </li>
  );
}

/** The latest attempts (at most ten), newest first, behind a disclosure: time and result in words. */
function AttemptHistory({ attempts, name }: { attempts: readonly EnrichmentAttemptView[]; name: string }) {
  const { t } = useTranslation(['enrichment', 'common']);
  const format = useFormat();
  return (
    <details className="attempt-history" data-testid="failure-history">
      <summary>{t('failures.history', { count: attempts.length })}</summary>
      <DataTable
        caption={t('failures.historyCaption', { name })}
        captionHidden
        columns={[
          {
            id: 'time',
            header: t('failures.attemptTime'),
            cell: (attempt: EnrichmentAttemptView) => <time dateTime={attempt.attemptedAt}>{format.dateTimeSeconds(attempt.attemptedAt)}</time>,
          },
          {
            id: 'result',
            header: t('failures.attemptResult'),
            cell: (attempt: EnrichmentAttemptView) =>
              attempt.succeeded ? t('failures.attemptWritten') : t(`common:errors.${attempt.errorCode ?? 'internal'}`),
          },
        ]}
        rows={[...attempts]}
        rowKey={(attempt) => `${attempt.attemptedAt}-${String(attempt.succeeded)}`}
      />
    </details>
  );
}
