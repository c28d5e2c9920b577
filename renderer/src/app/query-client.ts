import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client.ts';
import { notify } from '../stores/notify.ts';

/**
 * Server data for the whole console. Every failed read or change reaches the admin through
 * notify.error; a failure the backend explained (ApiError) is not retried, since asking again
 * gets the same answer, while a lost bridge call is retried twice.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error) => notify.error(error) }),
    mutationCache: new MutationCache({ onError: (error) => notify.error(error) }),
    defaultOptions: {
      queries: {
        retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
        staleTime: 2_000,
      },
      mutations: { retry: false },
    },
  });
}
