import { useTranslation } from 'react-i18next';
import { CONNECTION_TEST_DEADLINE_MS, type ConnectionTestResult } from '../../../../shared/contract/integrations.ts';
import { useFormat } from '../../i18n/format.ts';
import { Spinner } from '../../ui/Spinner.tsx';

const DEADLINE_SECONDS = CONNECTION_TEST_DEADLINE_MS / 1000;

/**
 * A connection test while it runs and once it answered, in words chosen by its outcome and
 * problem. The region is always there, so screen readers hear the result when it arrives.
 */
export function ConnectionTestOutcome({ pending, result }: { pending: boolean; result: ConnectionTestResult | null }) {
  return (
    <div role="status" className="connection-test-outcome" data-testid="connection-test-outcome">
      {pending ? <Running /> : result ? <Answer result={result} /> : null}
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

function Answer({ result }: { result: ConnectionTestResult }) {
  const { t } = useTranslation(['integrations', 'common']);
  const format = useFormat();
  const took = format.duration(result.elapsedMs);

  if (result.outcome === 'connected') {
    const parts = [
      result.organizationName ? t('test.connected', { organization: result.organizationName }) : t('test.connectedNoName'),
      ...(result.memberCount === null ? [] : [t('test.members', { count: result.memberCount })]),
      took,
    ];
    return (
      <div className="callout tone-ok" data-testid="connection-test-result" data-outcome="connected">
        <p className="callout-title">
          <span aria-hidden="true">✓ </span>
          {parts.join(' — ')}
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
      <p>{t(`problem.${result.problem}`, { seconds: DEADLINE_SECONDS })}</p>
      <p className="actor">{t(`common:actor.${result.actor}`)}</p>
      <p className="muted">{t('test.failedAfter', { duration: took })}</p>
    </div>
  );
}
