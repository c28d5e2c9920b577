import { useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';
import { useFocusHandoff } from './use-focus-handoff.ts';

/** What LoadMore reads of a keyset-paged list (a useInfiniteQuery result). */
interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): unknown;
  data?: { pages: readonly unknown[] } | undefined;
}

/**
 * The "next page" of a keyset-paged list. Once more than one page has come and there is no next,
 * the button gives way to a line saying the list is complete, and focus moves onto that line.
 * A list of one page shows neither.
 */
export function LoadMore({ query }: { query: PagedQuery }) {
  const { t } = useTranslation();
  const end = useRef<HTMLDivElement>(null);
  const paged = (query.data?.pages.length ?? 0) > 1;
  if (!query.hasNextPage && !paged) return null;
  return (
    <div className="load-more" ref={end} tabIndex={-1} data-testid="load-more">
      {query.hasNextPage ? <NextPageButton query={query} focusAfter={end} /> : <p className="muted">{t('list.allShown')}</p>}
    </div>
  );
}

function NextPageButton({ query, focusAfter }: { query: PagedQuery; focusAfter: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const button = useFocusHandoff<HTMLButtonElement>(focusAfter);
  return (
    <Button ref={button} busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
      {query.isFetchingNextPage ? t('app.loading') : t('actions.loadMore')}
    </Button>
  );
}
