import { useTranslation } from 'react-i18next';
import { CONNECTION_TEST_DEADLINE_MS, type ConnectionTestResult } from '../../../../shared/contract/integrations.ts';
import type { MemberSystem } from '../../../../shared/domain/integration.ts';
import { useFormat } from '../../i18n/format.ts';
import { Spinner } from '../../ui/Spinner.tsx';
import { useProblemText } from './problem-text.ts';

const DEADLINE_SECONDS = CONNECTION_TEST_DEADLINE_MS / 1000;

/**
 * A connection test while it runs and once it answered, in words chosen by its outcome and
 * problem, with who must act and the time it took. Shown in place only: the caller announces
 * the answer through the shell's live region (see `useAnnounceTestResult`).
 */
export function ConnectionTestOutcome({ pending, result, system }: { pending: boolean; result: ConnectionTestResult | null; system: MemberSystem }) {
  return (
    <div className="connection-test-outcome" data-testid="connection-test-outcome">
      {pending ? <Running /> : result ? <Answer result={result} system={system} /> : null}
    </div>
  );
}

function Running() {
  const { t } = useTranslation('integrations');
  return (
    <p className="busy-line">
      <Spinner /> {t('test.running', { seconds: DEADLINE_SECONDS })}
    </p>
  );
}

function Answer({ result, system }: { result: ConnectionTestResult; system: MemberSystem }) {
  const { t } = useTranslation(['integrations', 'common']);
  const format = useFormat();
  const problemText = useProblemText();
  const duration = format.duration(result.elapsedMs);

  if (result.outcome === 'connected') {
    const { organizationName: organization, memberCount: count } = result;
    const summary =
      organization === null
        ? count === null
          ? t('test.connectedUnnamed', { duration })
          : t('test.connectedUnnamedMembers', { count, duration })
        : count === null
          ? t('test.connected', { organization, duration })
          : t('test.connectedMembers', { organization, count, duration });
    return (
      <div className="callout tone-ok" data-testid="connection-test-result" data-outcome="connected">
        <p className="callout-title">
          <span aria-hidden="true">✓ </span>
          {summary}
        </p>
        {result.webhooksAvailable ? <p>{t('test.webhooksAvailable')}</p> : null}
      </div>
    );
  }
  return (
    <div className="callout tone-error" data-testid="connection-test-result" data-outcome="failed" data-problem={result.problem}>
      <p className="callout-title">
        <span aria-hidden="true">✕ </span>
        {t('test.failedTitle')}
      </p>
      <p>{problemText(result.problem, system)}</p>
      <p className="actor">{t(`common:actor.${result.actor}`)}</p>
      <p className="muted">{t('test.failedAfter', { duration })}</p>
    </div>
  );
}
