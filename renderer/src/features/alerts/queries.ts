import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callOperation } from '../../api/client.ts';
import { operationQuery } from '../../api/queries.ts';

/** How often the navigation's alert badge looks for new alerts. */
export const ALERT_BADGE_POLL_MS = 10_000;

/**
 * Open alerts no one has acknowledged yet, for every organization the admin sees (the
 * navigation's badge): an acknowledged alert stays open until its problem is gone, but someone
 * is on it. Counted from the 100 most recently raised open ones.
 */
export function useOpenAlertCount(): number {
  const { data } = useQuery({ ...operationQuery('alerts.list', { status: 'open', limit: 100 }), refetchInterval: ALERT_BADGE_POLL_MS });
  return data?.items.filter((alert) => alert.acknowledgedAt === null).length ?? 0;
}

/** The alert list, most recently raised first, a keyset page at a time. */
export function useAlerts(filter: { orgId: string | undefined; status: 'open' | 'all' }) {
  return useInfiniteQuery({
    queryKey: ['alerts.list', { ...filter, paged: true }],
    queryFn: ({ pageParam }) =>
      callOperation('alerts.list', {
        status: filter.status,
        ...(filter.orgId ? { orgId: filter.orgId } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: ALERT_BADGE_POLL_MS,
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
