import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTestResult } from '../../../../shared/contract/integrations.ts';
import type { MemberSystem } from '../../../../shared/domain/integration.ts';
import { announce } from '../../stores/announce.ts';
import { useProblemText } from './problem-text.ts';

/** Says a connection test's answer through the shell's one live region; the outcome on screen is not a live region itself. */
export function useAnnounceTestResult(): (result: ConnectionTestResult, system: MemberSystem) => void {
  const { t } = useTranslation(['integrations', 'common']);
  const problemText = useProblemText();
  return useCallback(
    (result, system) =>
      announce(
        result.outcome === 'connected'
          ? t('test.announceConnected', { system: t(`common:systems.${system}`) })
          : t('test.announceFailed', { problem: problemText(result.problem, system) }),
      ),
    [t, problemText],
  );
}
