import { SourceError } from '../../backend/adapters/member-source.ts';

/** The SourceError a promise rejects with, failing the test if it resolves or rejects with something else. */
export async function sourceError(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => null,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof SourceError)) throw new Error(`expected a SourceError, got ${String(error)}`);
  return error;
}
