import { useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';
import { useFocusHandoff } from './use-focus-handoff.ts';

interface PageControls {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): unknown;
}

/**
 * The "next page" of a keyset-paged list (useInfiniteQuery's controls). When the last page has
 * come, the button gives way to a line saying so, and focus moves onto that line.
 */
export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage }: PageControls) {
  const { t } = useTranslation();
  const end = useRef<HTMLDivElement>(null);
  const [paged, setPaged] = useState(false);
  if (hasNextPage && !paged) setPaged(true);
  if (!paged) return null;
  return (
    <div className="load-more" ref={end} tabIndex={-1} data-testid="load-more">
      {hasNextPage ? (
        <NextPageButton isFetchingNextPage={isFetchingNextPage} fetchNextPage={fetchNextPage} focusAfter={end} />
      ) : (
        <p className="muted">{t('list.allShown')}</p>
      )}
    </div>
  );
}

function NextPageButton({
  isFetchingNextPage,
  fetchNextPage,
  focusAfter,
}: Omit<PageControls, 'hasNextPage'> & { focusAfter: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const button = useFocusHandoff<HTMLButtonElement>(focusAfter);
  return (
    <Button ref={button} busy={isFetchingNextPage} onClick={() => void fetchNextPage()}>
      {isFetchingNextPage ? t('app.loading') : t('actions.loadMore')}
    </Button>
  );
}
