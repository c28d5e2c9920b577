import { useTranslation } from 'react-i18next';
import type { ConsoleStatus } from '../../../../shared/contract/console.ts';
import { useFormat } from '../../i18n/format.ts';
import { Button } from '../../ui/Button.tsx';
import { useRestartToUpdate } from './queries.ts';

/**
 * What the console says about itself above every screen: offline with the time of the summary
 * shown, and an update waiting to be installed. Both are status messages, read out when they come.
 */
export function StatusBanners({ status }: { status: ConsoleStatus }) {
  const { t } = useTranslation('connection');
  const format = useFormat();
  const restart = useRestartToUpdate();
  const offlineAsOf = status.project?.offlineAsOf ?? null;
  return (
    <>
      <div role="status" className="status-banners">
        {status.project?.offline ? (
          <p className="banner banner-offline" data-testid="offline-banner">
            <strong>{t('offline.title')}.</strong>{' '}
            {offlineAsOf ? t('offline.body', { time: format.dateTime(offlineAsOf) }) : t('offline.bodyNoSummary')}
          </p>
        ) : null}
      </div>
      {status.update.state === 'ready' ? (
        <div role="status" className="banner banner-update" data-testid="update-banner">
          <span>{t('update.ready', { version: status.update.version ?? '' })}</span>{' '}
          <Button busy={restart.isPending} onClick={() => restart.mutate()}>
            {t('update.restart')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
