import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callOperation } from '../../api/client.ts';
import { operationInfiniteQuery, operationKey, operationQuery } from '../../api/queries.ts';
import type { ConflictView } from '../../../../shared/contract/conflicts.ts';
import type { ConflictsSearch } from './search.ts';
import { NOT_FOUND_CODES } from '../../app/shown-in-place.ts';

/** How often an open conflict is read again while its registry write is on its way. */
const WRITE_POLL_MS = 1_000;

/** The review queue, newest first, one keyset page at a time. */
export function useConflictList(search: ConflictsSearch) {
  const input = {
    status: search.status ?? 'pending',
    ...(search.orgId ? { orgId: search.orgId } : {}),
    ...(search.integrationId ? { integrationId: search.integrationId } : {}),
    ...(search.category ? { category: search.category } : {}),
  } as const;
  return useInfiniteQuery(operationInfiniteQuery('conflicts.list', input));
}

export function useConflict(conflictId: string) {
  return useQuery({
    ...operationQuery('conflicts.get', { conflictId }),
    meta: { shownInPlace: NOT_FOUND_CODES },
    refetchInterval: (query) => (query.state.data?.sourceWrite?.status === 'pending' ? WRITE_POLL_MS : false),
  });
}

export type ResolveChoice = 'proposal' | 'app' | 'external';

export function useResolveConflict(conflictId: string, onResolved: (conflict: ConflictView) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (choice: ResolveChoice) => callOperation('conflicts.resolve', { conflictId, choice }),
    onSuccess: (conflict) => {
      queryClient.setQueryData(operationKey('conflicts.get', { conflictId }), conflict);
      onResolved(conflict);
    },
    // A refused registry write leaves the conflict pending with the attempt on record: read it again.
    onSettled: () =>
      Promise.all(['conflicts.list', 'conflicts.get', 'health.list'].map((name) => queryClient.invalidateQueries({ queryKey: [name] }))),
  });
}
