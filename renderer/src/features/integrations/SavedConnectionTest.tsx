import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionTestResult } from '../../../../shared/contract/integrations.ts';
import { Button } from '../../ui/Button.tsx';
import { ConnectionTestOutcome } from './ConnectionTestOutcome.tsx';
import { useTestConnection } from './queries.ts';

/** Tries the credentials already saved, without showing them. */
export function SavedConnectionTest({ integrationId }: { integrationId: string }) {
  const { t } = useTranslation('integrations');
  const test = useTestConnection();
  const [result, setResult] = useState<ConnectionTestResult | null>(null);

  const run = () => {
    setResult(null);
    test.mutate({ source: 'saved', integrationId }, { onSuccess: setResult });
  };

  return (
    <div className="connection-test" data-testid="saved-connection-test">
      <Button busy={test.isPending} onClick={run}>
        {t('connection.testSaved')}
      </Button>
      <ConnectionTestOutcome pending={test.isPending} result={result} />
    </div>
  );
}
