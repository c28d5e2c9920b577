import type { ErrorCode } from '../../../shared/domain/errors.ts';
import { ApiError } from '../api/client.ts';

/**
 * What a page opened by an id in its URL shows in place of its content: the id does not exist,
 * belongs to an organization the admin cannot see (row-level security answers not_found), or is
 * not an id at all (a hand-edited URL). Reads that pass these as `meta.shownInPlace` raise no
 * notice for them, since the page says it already.
 */
export const NOT_FOUND_CODES = ['not_found', 'forbidden', 'invalid_input'] as const satisfies readonly ErrorCode[];

export const isNotFound = (error: unknown): boolean =>
  error instanceof ApiError && (NOT_FOUND_CODES as readonly ErrorCode[]).includes(error.payload.code);
