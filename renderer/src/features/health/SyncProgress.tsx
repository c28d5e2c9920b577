import type { SyncJobView } from '../../../../shared/contract/schemas.ts';
import { estimateRemaining, formatCount } from '../../format.ts';
import { useNow } from '../../use-now.ts';

export function SyncProgress({ job }: { job: SyncJobView }) {
  const total = job.total;
  const now = useNow(1_000);
  const remaining = estimateRemaining(job.processed, total, job.startedAt, now);
  return (
    <div
      className="sync-progress"
      role="status"
      aria-live="polite"
      data-testid="sync-progress"
      data-processed={job.processed}
      data-total={total ?? ''}
    >
      <span className="spinner" aria-hidden="true" />
      {job.status === 'queued' ? (
        <span>Queued, starting…</span>
      ) : (
        <>
          <progress max={total ?? undefined} value={total ? job.processed : undefined} />
          <span>
            {formatCount(job.processed)} of {total === null ? '…' : formatCount(total)} records
            {remaining ? ` · ${remaining}` : ''}
          </span>
        </>
      )}
    </div>
  );
}
