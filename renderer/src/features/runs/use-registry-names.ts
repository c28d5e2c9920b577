import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { operationQuery } from '../../api/queries.ts';
import { useRegistryLabel } from '../../i18n/names.ts';

/**
 * "Norsk Friluftslag · Cornerstone" for an integration the admin may see, from the board's own
 * read (the same cache entry); null for one they may not see, or before it has loaded.
 */
export function useRegistryNames(): (integrationId: string | null) => string | null {
  const registryLabel = useRegistryLabel();
  const { data } = useQuery(operationQuery('health.list', {}));
  return useCallback(
    (integrationId) => {
      const integration = data?.find((candidate) => candidate.integrationId === integrationId);
      return integration ? registryLabel(integration) : null;
    },
    [data, registryLabel],
  );
}
