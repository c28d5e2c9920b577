import { queryOptions } from '@tanstack/react-query';
import type { OperationName, Operations } from '../../../shared/contract/operations.ts';
import type { InputOf } from '../../../shared/contract/operation.ts';
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
