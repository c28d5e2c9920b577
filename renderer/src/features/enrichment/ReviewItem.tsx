import { useId, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrichmentEventView } from '../../../../shared/contract/enrichment.ts';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useFocusHandoff } from '../../ui/use-focus-handoff.ts';
import { useMarkReviewed } from './queries.ts';
import { MemberRecordFacts } from './MemberRecordFacts.tsx';

/**
 * A member whose number was not written because the birth date did not match the registry's (or
 * the registry has none): what to check, and a way to say it is checked. Marked, it leaves the
 * list; focus, if it was inside, goes to `focusAfter`.
 */
export function ReviewItem({
  event,
  orgName,
  focusAfter,
}: {
  event: EnrichmentEventView;
  orgName: string | null;
  focusAfter: RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation(['enrichment', 'common']);
  const titleId = useId();
  const container = useFocusHandoff<HTMLElement>(focusAfter);
  const mark = useMarkReviewed(() => announce(t('reviews.announce', { name: event.memberName })));
  const reason = event.reviewReason ?? 'birth_date_mismatch';

  return (
    <li>
      <article
        ref={container}
        className="enrichment-item"
        aria-labelledby={titleId}
        data-testid="enrichment-review"
        data-event-id={event.eventId}
        data-reason={reason}
      >
        <header>
          <h3 id={titleId}>{event.memberName}</h3>
          <StatusBadge tone="warning">{t('reviews.badge')}</StatusBadge>
        </header>
        {orgName ? <p className="muted item-org">{orgName}</p> : null}
        <MemberRecordFacts event={event} testIdPrefix="review" />
        <p data-testid="review-reason">{t(`reviews.reason.${reason}`)}</p>
        <p className="muted">{t('reviews.next')}</p>
        <div className="form-actions">
          <Button busy={mark.isPending} aria-describedby={titleId} onClick={() => mark.mutate(event.eventId)}>
            {mark.isPending ? t('reviews.marking') : t('reviews.markChecked')}
          </Button>
        </div>
      </article>
    </li>
  );
}
