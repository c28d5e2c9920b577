import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  EnrichmentEventView,
  EnrichmentOverview,
  EnrichmentRetryOutput,
  UpdateEnrichmentSettingsInput,
} from '../../../../shared/contract/enrichment.ts';
import { callOperation } from '../../api/client.ts';
import { operationInfiniteQuery, operationQuery } from '../../api/queries.ts';

/** How often the screen looks again while a number is on its way to a registry: a write takes seconds. */
export const WRITING_POLL_MS = 1_000;
/**
 * How often it looks otherwise: members log in with Vipps in the members' app, not here, so the
 * figures and lists move without anything happening on this screen.
 */
export const IDLE_POLL_MS = 5_000;

// The mutation cache refetches every read on screen after each change (app/query-client.ts):
// the figures, both lists, the board and the alert badge all follow a retry or a switch.

/** The figures, the switch and the weekly timeline of every organization the admin sees (or one). */
export function useEnrichmentOverview(orgId: string | undefined) {
  return useQuery({
    ...operationQuery('enrichment.overview', orgId ? { orgId } : {}),
    refetchInterval: (query) => (query.state.data?.organizations.some((org) => org.stats.pending > 0) ? WRITING_POLL_MS : IDLE_POLL_MS),
  });
}

const isWriting = (event: EnrichmentEventView) => event.outcome === 'pending';

/** Writes not done (`failures`) or birth dates to check (`reviews`), most recent login first, a keyset page at a time. */
export function useEnrichmentList(list: 'failures' | 'reviews', orgId: string | undefined) {
  return useInfiniteQuery({
    ...operationInfiniteQuery('enrichment.list', { list, ...(orgId ? { orgId } : {}) }),
    // A refetch reads every loaded page again, one after another: poll only the first page.
    refetchInterval: (query) => {
      const pages = query.state.data?.pages ?? [];
      if (pages.length > 1) return false;
      return pages[0]?.items.some(isWriting) ? WRITING_POLL_MS : IDLE_POLL_MS;
    },
  });
}

// What follows a retry or a check is said in the mutation's own callback, not in mutate()'s: the
// item that asked leaves its list once a poll sees it done, which may come before the answer,
// and mutate()'s callbacks are not called for a component that has gone.

/** A write that is not done, tried again at once while the service still holds the number; `onResult` says how it went. */
export function useRetryEnrichment(onResult: (output: EnrichmentRetryOutput) => void) {
  return useMutation({
    mutationFn: (eventId: string) => callOperation('enrichment.retry', { eventId }),
    onSuccess: (output) => onResult(output),
  });
}

/** A birth-date case an administrator has checked in the registry. */
export function useMarkReviewed(onMarked: () => void) {
  return useMutation({ mutationFn: (eventId: string) => callOperation('enrichment.markReviewed', { eventId }), onSuccess: () => onMarked() });
}

/** Switching on (with the legal basis) or off. */
export function useUpdateEnrichmentSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateEnrichmentSettingsInput) => callOperation('enrichment.updateSettings', input),
    // The answer is the organization as saved: shown at once in every overview that holds it, before the refetch confirms it.
    onSuccess: (saved) =>
      queryClient.setQueriesData<EnrichmentOverview>({ queryKey: ['enrichment.overview'] }, (overview) =>
        overview ? { ...overview, organizations: overview.organizations.map((org) => (org.orgId === saved.orgId ? saved : org)) } : overview,
      ),
  });
}
