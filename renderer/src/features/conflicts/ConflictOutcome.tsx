import { useTranslation } from 'react-i18next';
import type { ConflictView } from '../../../../shared/contract/conflicts.ts';
import { useFormat } from '../../i18n/format.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';

/** A queue row's outcome: waiting (with the proposal), or who kept which value and when. */
export function ConflictOutcome({ conflict }: { conflict: ConflictView }) {
  const { t } = useTranslation('conflicts');
  const format = useFormat();
  if (conflict.status === 'pending' || !conflict.winner) {
    return (
      <span className="conflict-outcome">
        <StatusBadge tone="warning">{t('status.pending')}</StatusBadge>
        <span>{t(`proposal.${conflict.proposedWinner}`)}</span>
      </span>
    );
  }
  const by =
    conflict.resolvedHow === 'rule'
      ? t('outcome.byRule')
      : conflict.resolvedBy
        ? t('outcome.byAdmin', { name: conflict.resolvedBy.displayName })
        : t('outcome.byUnknown');
  return (
    <span className="conflict-outcome" data-testid="conflict-outcome" data-winner={conflict.winner}>
      <StatusBadge tone="ok">{t(`outcome.${conflict.winner}`)}</StatusBadge>
      <span>{by}</span>
      {conflict.resolvedAt ? <time dateTime={conflict.resolvedAt}>{format.dateTime(conflict.resolvedAt)}</time> : null}
    </span>
  );
}
