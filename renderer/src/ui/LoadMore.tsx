import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';

/** The "next page" of a keyset-paged list (useInfiniteQuery's controls). */
export function LoadMore({
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): unknown;
}) {
  const { t } = useTranslation();
  if (!hasNextPage) return null;
  return (
    <div className="load-more">
      <Button busy={isFetchingNextPage} onClick={() => void fetchNextPage()}>
        {isFetchingNextPage ? t('app.loading') : t('actions.loadMore')}
      </Button>
    </div>
  );
}
