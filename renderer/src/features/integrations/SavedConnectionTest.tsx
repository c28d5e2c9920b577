import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTestResult } from '../../../../shared/contract/integrations.ts';
import type { MemberSystem } from '../../../../shared/domain/integration.ts';
import { Button } from '../../ui/Button.tsx';
import { useAnnounceTestResult } from './announce-test-result.ts';
import { ConnectionTestOutcome } from './ConnectionTestOutcome.tsx';
import { useTestConnection } from './queries.ts';

/** Tries the credentials already saved, without showing them. */
export function SavedConnectionTest({ integrationId, system }: { integrationId: string; system: MemberSystem }) {
  const { t } = useTranslation('integrations');
  const test = useTestConnection();
  const announceTest = useAnnounceTestResult();
  const [result, setResult] = useState<ConnectionTestResult | null>(null);

  const run = () => {
    setResult(null);
    test.mutate(
      { source: 'saved', integrationId },
      {
        onSuccess: (answer) => {
          setResult(answer);
          announceTest(answer, system);
        },
      },
    );
  };

  return (
    <div className="connection-test" data-testid="saved-connection-test">
      <Button busy={test.isPending} onClick={run}>
        {t('connection.testSaved')}
      </Button>
      <ConnectionTestOutcome pending={test.isPending} result={result} system={system} />
    </div>
  );
}
