import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncJobView } from '../../../../shared/contract/schemas.ts';
import { useFormat } from '../../i18n/format.ts';
import { useNow } from '../../use-now.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useFocusHandoff } from '../../ui/use-focus-handoff.ts';
import { useCancelSync } from './queries.ts';

/** Seconds left at the rate so far; null until there is a rate to go on. */
export function secondsRemaining(processed: number, total: number | null, startedAtIso: string | null, now: number): number | null {
  if (!total || !startedAtIso || processed <= 0 || processed >= total) return null;
  const elapsed = now - new Date(startedAtIso).getTime();
  if (elapsed <= 0) return null;
  return Math.ceil(((total - processed) * elapsed) / processed / 1000);
}

/** A running sync. When it ends with focus inside (on Cancel, say), focus goes to `focusAfter`. */
export function SyncProgress({ job, name, focusAfter }: { job: SyncJobView; name: string; focusAfter: RefObject<HTMLElement | null> }) {
  const container = useFocusHandoff<HTMLDivElement>(focusAfter);
  const { t } = useTranslation(['health', 'common']);
  const format = useFormat();
  const now = useNow(1_000);
  const cancel = useCancelSync();
  const [confirming, setConfirming] = useState(false);
  const total = job.total;
  const seconds = secondsRemaining(job.processed, total, job.startedAt, now);
  const remaining =
    seconds === null
      ? null
      : seconds < 90
        ? t('sync.remainingSeconds', { count: seconds })
        : t('sync.remainingMinutes', { count: Math.ceil(seconds / 60) });

  return (
    <div ref={container} className="sync-progress" data-testid="sync-progress" data-processed={job.processed} data-total={total ?? ''}>
      <Spinner />
      {job.dryRun ? <span className="status-badge tone-info">{t('sync.previewRunning')}</span> : null}
      {job.status === 'queued' ? (
        <span>{t('sync.queued')}</span>
      ) : (
        <>
          <progress aria-label={t('sync.progressLabel', { name })} max={total ?? undefined} value={total ? job.processed : undefined} />
          <span>
            {total === null
              ? t('sync.progressUnknown', { processed: format.count(job.processed) })
              : t('sync.progress', { processed: format.count(job.processed), total: format.count(total) })}
            {remaining ? ` · ${remaining}` : ''}
          </span>
        </>
      )}
      <Button variant="link" busy={cancel.isPending} onClick={() => setConfirming(true)}>
        {cancel.isPending ? t('sync.cancelling') : t('sync.cancel')}
      </Button>
      <Dialog
        open={confirming}
        title={t('cancelDialog.title', { name })}
        onClose={() => setConfirming(false)}
        actions={
          <>
            <Button onClick={() => setConfirming(false)}>{t('cancelDialog.keep')}</Button>
            <Button
              variant="danger"
              onClick={() => {
                setConfirming(false);
                cancel.mutate(job.id);
              }}
            >
              {t('sync.cancel')}
            </Button>
          </>
        }
      >
        <p>{t('cancelDialog.body')}</p>
      </Dialog>
    </div>
  );
}
