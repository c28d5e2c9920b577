import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callOperation } from '../../api/client.ts';
import { operationQuery } from '../../api/queries.ts';

/** How often the board refreshes while a sync runs: one indexed query for every card. */
export const PROGRESS_POLL_MS = 400;
/**
 * How often it refreshes otherwise, so it shows syncs it did not start (the schedule, another
 * admin, webhooks) without a reload.
 */
export const IDLE_POLL_MS = 5_000;

export function useHealth(orgId?: string) {
  return useQuery({
    ...operationQuery('health.list', orgId ? { orgId } : {}),
    refetchInterval: (query) => (query.state.data?.some((integration) => integration.activeJob) ? PROGRESS_POLL_MS : IDLE_POLL_MS),
  });
}

export interface SyncRequest {
  integrationId: string;
  kind: 'full' | 'delta';
  dryRun: boolean;
}

/** After a sync starts or stops, every read that shows runs is stale. */
function useInvalidateRuns() {
  const queryClient = useQueryClient();
  return () => Promise.all(['health.list', 'runs.list', 'alerts.list'].map((name) => queryClient.invalidateQueries({ queryKey: [name] })));
}

export function useStartSync() {
  const invalidate = useInvalidateRuns();
  return useMutation({
    mutationFn: (request: SyncRequest) => callOperation('sync.start', request),
    onSettled: invalidate,
  });
}

export function useCancelSync() {
  const invalidate = useInvalidateRuns();
  return useMutation({
    mutationFn: (jobId: string) => callOperation('sync.cancel', { jobId }),
    onSettled: invalidate,
  });
}
