import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { FailureItem } from './FailureItem.tsx';
import { ReviewItem } from './ReviewItem.tsx';
import { useEnrichmentList } from './queries.ts';

/**
 * One of the screen's two lists: numbers not written (`failures`) or birth dates to check
 * (`reviews`), for the organization chosen or every one the admin sees. When an item leaves the
 * list with focus inside it (written, or marked as checked), focus goes to the list's heading.
 */
export function EventListSection({
  list,
  orgId,
  orgNameOf,
}: {
  list: 'failures' | 'reviews';
  orgId: string | undefined;
  /** The organization's name when the screen shows more than one; null otherwise. */
  orgNameOf(orgId: string): string | null;
}) {
  const { t } = useTranslation(['enrichment', 'common']);
  const heading = useRef<HTMLHeadingElement>(null);
  const query = useEnrichmentList(list, orgId);
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const headingId = `enrichment-${list}-title`;

  return (
    <section className="panel enrichment-list" aria-labelledby={headingId} data-testid={`enrichment-${list}`} data-count={items.length}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t(`${list}.title`)}
      </h2>
      <p className="muted">{t(`${list}.intro`)}</p>
      {query.isPending ? <p>{t('common:app.loading')}</p> : null}
      {query.isSuccess && items.length === 0 ? <EmptyState title={t(`${list}.empty`)} /> : null}
      {items.length > 0 ? (
        <ul className="enrichment-items" aria-label={t(`${list}.listLabel`)}>
          {items.map((event) =>
            list === 'failures' ? (
              <FailureItem key={event.eventId} event={event} orgName={orgNameOf(event.orgId)} focusAfter={heading} />
            ) : (
              <ReviewItem key={event.eventId} event={event} orgName={orgNameOf(event.orgId)} focusAfter={heading} />
            ),
          )}
        </ul>
      ) : null}
      <LoadMore query={query} />
    </section>
  );
}
