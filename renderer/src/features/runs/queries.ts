import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callOperation } from '../../api/client.ts';
import { operationInfiniteQuery, operationQuery } from '../../api/queries.ts';
import { NOT_FOUND_CODES } from '../../app/shown-in-place.ts';

/** How often an open run refreshes while it is still running. */
const RUNNING_POLL_MS = 1_000;
/** How often the history refreshes, so syncs started elsewhere (the schedule, the board) show up. */
const HISTORY_POLL_MS = 5_000;

/** An integration's runs, newest first, a keyset page at a time. */
export function useRunHistory(integrationId: string) {
  return useInfiniteQuery({
    ...operationInfiniteQuery('runs.list', { integrationId }),
    // A refetch reads every loaded page again, one after another: poll only the first page.
    refetchInterval: (query) => ((query.state.data?.pages.length ?? 1) > 1 ? false : HISTORY_POLL_MS),
  });
}

export function useRun(runId: string) {
  return useQuery({
    ...operationQuery('runs.get', { runId }),
    meta: { shownInPlace: NOT_FOUND_CODES },
    refetchInterval: (query) => (query.state.data?.status === 'running' ? RUNNING_POLL_MS : false),
  });
}

/** The records a run set aside, most recently seen first. */
export function useQuarantined(runId: string, enabled: boolean) {
  return useInfiniteQuery({ ...operationInfiniteQuery('runs.quarantined', { runId }), enabled });
}

/** A decision on a held run changes the board, the history, the run and its alert. */
function useInvalidateAfterDecision() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(['health.list', 'runs.list', 'runs.get', 'alerts.list'].map((name) => queryClient.invalidateQueries({ queryKey: [name] })));
}

export function useApproveRun() {
  const invalidate = useInvalidateAfterDecision();
  return useMutation({ mutationFn: (runId: string) => callOperation('runs.approve', { runId }), onSettled: invalidate });
}

export function useRejectRun() {
  const invalidate = useInvalidateAfterDecision();
  return useMutation({ mutationFn: (runId: string) => callOperation('runs.reject', { runId }), onSettled: invalidate });
}
