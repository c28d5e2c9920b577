import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { BridgeOperationName as OperationName, BridgeOperations as Operations } from '../../../shared/contract/bridge-operations.ts';
import type { InputOf, OutputOf } from '../../../shared/contract/operation.ts';
import { callOperation } from './client.ts';

/**
 * Query keys start with the operation's name, so a change invalidates every read of an
 * operation at once (`invalidateQueries({ queryKey: ['health.list'] })`), whatever its input.
 */
export const operationKey = <K extends OperationName>(name: K, input: InputOf<Operations, K>) => [name, input] as const;

/** A read through the typed client, cached under its operation's key. */
export function operationQuery<K extends OperationName>(name: K, input: InputOf<Operations, K>) {
  return queryOptions({ queryKey: operationKey(name, input), queryFn: () => callOperation(name, input) });
}

/** How an operation is paged: the input field that takes the cursor, and where its answer says the next one. */
export interface Paging<K extends OperationName> {
  cursorField: keyof InputOf<Operations, K> & string;
  nextCursor(page: OutputOf<Operations, K>): string | null | undefined;
}

/** The operations paged the common way: a `cursor` in, `{ items, nextCursor }` out. */
export type PagedOperationName = {
  [K in OperationName]: 'cursor' extends keyof InputOf<Operations, K>
    ? OutputOf<Operations, K> extends { nextCursor: string | null }
      ? K
      : never
    : never;
}[OperationName];

/**
 * A keyset-paged read a page at a time, for useInfiniteQuery and LoadMore. The key is the
 * operation's key with a `pages` mark after it: still under the operation's name (so
 * invalidating `['runs.list']` refreshes it), but never shared with a one-page read of the same
 * input, whose cached data has another shape.
 */
export function operationPagesQuery<K extends OperationName>(name: K, input: InputOf<Operations, K>, paging: Paging<K>) {
  return infiniteQueryOptions({
    queryKey: [...operationKey(name, input), 'pages'] as const,
    queryFn: ({ pageParam }) => callOperation(name, pageParam ? { ...input, [paging.cursorField]: pageParam } : input),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => paging.nextCursor(last) ?? undefined,
  });
}

/** A list read a keyset page at a time (`cursor` in, `nextCursor` out). */
export function operationInfiniteQuery<K extends PagedOperationName>(name: K, input: Omit<InputOf<Operations, K>, 'cursor'>) {
  return operationPagesQuery(name, input as InputOf<Operations, K>, {
    cursorField: 'cursor' as keyof InputOf<Operations, K> & string,
    nextCursor: (page) => (page as { nextCursor: string | null }).nextCursor,
  });
}
