import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { ErrorCode } from '../../../shared/domain/errors.ts';
import { ApiError } from '../api/client.ts';
import { notify } from '../stores/notify.ts';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /**
       * Failures this read's page shows in place (a "not found or no access" state for an id in
       * the URL), so no notice repeats them.
       */
      shownInPlace?: readonly ErrorCode[];
    };
    mutationMeta: {
      /** The form that made the change shows its failure in its own words (sign-in), so no notice repeats it. */
      quiet?: boolean;
    };
  }
}

/**
 * Server data for the whole console. Every failed read or change reaches the admin through
 * notify.error, and every change refreshes what is on screen; a failure the backend explained (ApiError) is not retried, since asking again
 * gets the same answer, while a lost bridge call is retried twice.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (error instanceof ApiError && query.meta?.shownInPlace?.includes(error.payload.code)) return;
        notify.error(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (!mutation.meta?.quiet) notify.error(error);
      },
      // A change can show on any screen (a resolved conflict in the audit history, the board's
      // counts, the alert badge): every read on screen is refetched; the rest when next shown.
      onSettled: () => client.invalidateQueries(),
    }),
    defaultOptions: {
      queries: {
        retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
        staleTime: 2_000,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
