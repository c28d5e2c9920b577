import { useTranslation } from 'react-i18next';
import type { ConnectionTestResult } from '../../../../shared/contract/integrations.ts';
import type { MemberSystem } from '../../../../shared/domain/integration.ts';
import { useFormat } from '../../i18n/format.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';

/** A connection test's outcome and how long it took; a failure in words by its problem, with who must act. */
export function ConnectionTestOutcome({ result, system }: { result: ConnectionTestResult; system: MemberSystem }) {
  const { t } = useTranslation(['onboarding', 'common']);
  const format = useFormat();
  const systemName = t(`common:systems.${system}`);
  const took = <p>{t('result.took', { duration: format.duration(result.elapsedMs) })}</p>;

  if (result.outcome === 'connected') {
    return (
      <div className="callout tone-ok" data-testid="connection-test" data-outcome="connected">
        <p className="callout-title">
          <StatusBadge tone="ok">{t('result.connected', { system: systemName })}</StatusBadge>
        </p>
        {took}
      </div>
    );
  }
  return (
    <div className="callout tone-error" data-testid="connection-test" data-outcome="failed" data-problem={result.problem}>
      <p className="callout-title">
        <StatusBadge tone="error">{t('result.failed')}</StatusBadge>
      </p>
      <p>{t(`result.problem.${result.problem}`, { system: systemName })}</p>
      <p className="actor">{t(`result.actor.${result.actor}`, { system: systemName })}</p>
      {took}
    </div>
  );
}
