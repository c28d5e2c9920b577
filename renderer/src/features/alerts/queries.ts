import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { callOperation } from '../../api/client.ts';
import { operationInfiniteQuery } from '../../api/queries.ts';

/** How often the alert list looks for new alerts while it shows its first page. */
export const ALERT_BADGE_POLL_MS = 10_000;

/** The alert list, most recently raised first, a keyset page at a time. */
export function useAlerts(filter: { orgId: string | undefined; integrationId: string | undefined; status: 'open' | 'all' }) {
  return useInfiniteQuery({
    ...operationInfiniteQuery('alerts.list', {
      status: filter.status,
      ...(filter.orgId ? { orgId: filter.orgId } : {}),
      ...(filter.integrationId ? { integrationId: filter.integrationId } : {}),
    }),
    // A refetch reads every loaded page again, one after another: poll only the first page.
    refetchInterval: (query) => ((query.state.data?.pages.length ?? 1) > 1 ? false : ALERT_BADGE_POLL_MS),
  });
}

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (alertId: string) => callOperation('alerts.acknowledge', { alertId }),
    // The list, the navigation's badge (also an alerts.list read) and the board's counts.
    onSettled: () => Promise.all(['alerts.list', 'health.list'].map((name) => queryClient.invalidateQueries({ queryKey: [name] }))),
  });
}
