import { useEffect, useRef, useState, type Ref } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RunDeactivationSummary, SyncRunView } from '../../../../shared/contract/runs.ts';
import { announce } from '../../stores/announce.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { SafetySummary } from './SafetySummary.tsx';
import { useApproveRun, useRejectRun } from './queries.ts';

type Outcome = { kind: 'approved'; lapsed: number; removed: number; updated: number } | { kind: 'rejected' };

/**
 * A run the safety guard held: what it would change, and Approve / Reject, each confirmed in a
 * dialog that says how many members it touches. After a decision the outcome stays on screen
 * (and is announced), though the run is no longer waiting.
 */
export function HeldRunDecision({ run }: { run: SyncRunView }) {
  const { t } = useTranslation('runs');
  const approve = useApproveRun();
  const reject = useRejectRun();
  const [confirming, setConfirming] = useState<'approve' | 'reject' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome) result.current?.focus();
  }, [outcome]);

  if (outcome) return <DecisionOutcome outcome={outcome} ref={result} />;
  if (run.status !== 'awaiting_approval' || !run.summary) return null;
  const summary = run.summary;
  const affected = summary.absent + summary.deactivations;
  const busy = approve.isPending || reject.isPending;

  const decide = (choice: 'approve' | 'reject') => {
    setConfirming(null);
    if (choice === 'approve') {
      approve.mutate(run.id, {
        onSuccess: ({ lapsed, removed, updated }) => {
          const next: Outcome = { kind: 'approved', lapsed, removed, updated };
          setOutcome(next);
          announce(spoken(outcomeSentences(next, t)));
        },
      });
    } else {
      reject.mutate(run.id, {
        onSuccess: () => {
          const next: Outcome = { kind: 'rejected' };
          setOutcome(next);
          announce(spoken(outcomeSentences(next, t)));
        },
      });
    }
  };

  return (
    <section className="panel held-run" aria-labelledby="held-run-title" data-testid="held-run-decision">
      <h2 id="held-run-title">{t('summary.heldTitle')}</h2>
      <p>{t('summary.held', { count: affected, threshold: summary.threshold })}</p>
      <SafetySummary summary={summary} />
      <div className="decision-actions">
        <Button variant="primary" busy={busy} onClick={() => setConfirming('approve')}>
          {approve.isPending ? t('decision.approving') : t('decision.approve')}
        </Button>
        <Button variant="danger" busy={busy} onClick={() => setConfirming('reject')}>
          {reject.isPending ? t('decision.rejecting') : t('decision.reject')}
        </Button>
      </div>
      <Dialog
        open={confirming === 'approve'}
        title={t('decision.approveTitle')}
        onClose={() => setConfirming(null)}
        actions={
          <>
            <Button onClick={() => setConfirming(null)}>{t('decision.keep')}</Button>
            <Button variant="primary" onClick={() => decide('approve')}>
              {t('decision.approveConfirm')}
            </Button>
          </>
        }
      >
        {approveSentences(summary, t).map((sentence) => (
          <p key={sentence}>{sentence}</p>
        ))}
      </Dialog>
      <Dialog
        open={confirming === 'reject'}
        title={t('decision.rejectTitle')}
        onClose={() => setConfirming(null)}
        actions={
          <>
            <Button onClick={() => setConfirming(null)}>{t('decision.keep')}</Button>
            <Button variant="danger" onClick={() => decide('reject')}>
              {t('decision.rejectConfirm')}
            </Button>
          </>
        }
      >
        <p>{t('decision.rejectBody', { count: affected })}</p>
      </Dialog>
    </section>
  );
}

type RunsT = TFunction<'runs'>;

function approveSentences(summary: RunDeactivationSummary, t: RunsT): string[] {
  const sentences: string[] = [];
  if (summary.absent > 0) {
    sentences.push(
      summary.absentAction === 'remove'
        ? t('decision.approveAbsentRemove', { count: summary.absent })
        : t('decision.approveAbsentLapse', { count: summary.absent }),
    );
  }
  if (summary.deactivations > 0) sentences.push(t('decision.approveDeactivations', { count: summary.deactivations }));
  if (sentences.length === 0) sentences.push(t('decision.approveNothing'));
  sentences.push(t('decision.approveFinal'));
  return sentences;
}

function outcomeSentences(outcome: Outcome, t: RunsT): string[] {
  if (outcome.kind === 'rejected') return [t('decision.rejectedTitle'), t('decision.rejected')];
  const changes = [
    ...(outcome.lapsed > 0 ? [t('decision.approvedLapsed', { count: outcome.lapsed })] : []),
    ...(outcome.removed > 0 ? [t('decision.approvedRemoved', { count: outcome.removed })] : []),
    ...(outcome.updated > 0 ? [t('decision.approvedUpdated', { count: outcome.updated })] : []),
  ];
  return [t('decision.approvedTitle'), ...(changes.length > 0 ? changes : [t('decision.approvedNone')])];
}

/** The outcome as one announcement: "Approved. 500 members were marked as lapsed. …" */
function spoken([title, ...sentences]: string[]): string {
  return [`${title ?? ''}.`, ...sentences].join(' ');
}

function DecisionOutcome({ outcome, ref }: { outcome: Outcome; ref: Ref<HTMLDivElement> }) {
  const { t } = useTranslation('runs');
  const [title, ...sentences] = outcomeSentences(outcome, t);
  return (
    <div ref={ref} tabIndex={-1} className="callout tone-ok decision-outcome" data-testid="decision-outcome" data-outcome={outcome.kind}>
      <p className="callout-title">{title}</p>
      {sentences.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
    </div>
  );
}
