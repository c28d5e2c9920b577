import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConsoleStatus } from '../../../../shared/contract/console.ts';
import type { BridgeOperations } from '../../../../shared/contract/bridge-operations.ts';
import type { InputOf } from '../../../../shared/contract/operation.ts';
import { callOperation } from '../../api/client.ts';
import { operationKey, operationQuery } from '../../api/queries.ts';

/** How often the console asks the main process how the connection is: offline, back, an update ready. */
export const STATUS_POLL_MS = 5_000;

export function useConsoleStatus() {
  return useQuery({ ...operationQuery('console.status', {}), refetchInterval: STATUS_POLL_MS });
}

type StatusChange = 'console.connect' | 'console.signIn' | 'console.verifyCode' | 'console.signOut' | 'console.disconnect';

/**
 * A change of where the console works or who is signed in. Its answer is the new status; every
 * other cached read was made as someone else, or somewhere else, and is dropped.
 */
export function useStatusChange<K extends StatusChange>(name: K) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InputOf<BridgeOperations, K>) => callOperation(name, input) as Promise<ConsoleStatus>,
    onSuccess: (status) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'console.status' });
      queryClient.setQueryData(operationKey('console.status', {}), status);
    },
    // Failures are shown by the form that asked, in its own words.
    meta: { quiet: true },
  });
}

export function useSendCode() {
  return useMutation({ mutationFn: (email: string) => callOperation('console.sendCode', { email }), meta: { quiet: true } });
}

export function useRestartToUpdate() {
  return useMutation({ mutationFn: () => callOperation('console.restartToUpdate', {}) });
}
