import { useCallback } from 'react';
import { useMutation, type DefaultError, type UseMutateFunction, type UseMutationOptions, type UseMutationResult } from '@tanstack/react-query';

/**
 * A change whose input or answer holds a secret: typed credentials (wrong ones included), a new
 * webhook secret. The one definition every feature uses for them. Once it has settled and its
 * callbacks have run, it is reset, and with `gcTime: 0` the mutation cache drops it at once
 * (or as soon as it settles, if its screen went away first) instead of keeping its variables
 * and answer for five minutes. Callers keep what they must show in their own state.
 */
export function useSecretBearingMutation<TData, TVariables>(
  options: Omit<UseMutationOptions<TData, DefaultError, TVariables>, 'gcTime'>,
): UseMutationResult<TData, DefaultError, TVariables> {
  const mutation = useMutation({ ...options, gcTime: 0 });
  const { mutate: start, reset } = mutation;
  const mutate = useCallback<UseMutateFunction<TData, DefaultError, TVariables>>(
    (...[variables, callbacks]) =>
      start(variables as TVariables, {
        ...callbacks,
        onSettled: (...settled) => {
          try {
            callbacks?.onSettled?.(...settled);
          } finally {
            reset();
          }
        },
      }),
    [start, reset],
  );
  return { ...mutation, mutate };
}
