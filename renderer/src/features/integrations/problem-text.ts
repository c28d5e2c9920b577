import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { CONNECTION_TEST_DEADLINE_MS, type ConnectionProblem } from '../../../../shared/contract/integrations.ts';
import type { MemberSystem } from '../../../../shared/domain/integration.ts';

/** Why a connection test failed, in one sentence naming the registry (`common:connectionProblem`). */
export function useProblemText(): (problem: ConnectionProblem, system: MemberSystem) => string {
  const { t } = useTranslation('common');
  return useCallback(
    (problem, system) => t(`connectionProblem.${problem}`, { system: t(`systems.${system}`), seconds: CONNECTION_TEST_DEADLINE_MS / 1000 }),
    [t],
  );
}
