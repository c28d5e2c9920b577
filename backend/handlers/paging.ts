import { z } from 'zod';
import { AppError } from '../../shared/domain/errors.ts';
import { UtcMicrosInstant } from '../../shared/domain/storable.ts';

/**
 * Keyset pagination. A cursor names the last row of a page by its sort key; the next page is
 * the rows after it, so rows inserted meanwhile never shift a page into duplicates or gaps.
 *
 * Timestamps travel as text with microseconds: PostgreSQL keeps microseconds and a JavaScript
 * Date only milliseconds, so a cursor made from a Date would skip or repeat rows that share a
 * millisecond. Select `keysetTime(column)` and hand it back as `$n::timestamptz`.
 */
export const keysetTime = (column: string): string => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// A cursor is the caller's input like any other: one that names an instant that does not
// exist, or an id past the largest bigint, is refused here rather than failing in SQL.
const TimeKey = z.tuple([UtcMicrosInstant, z.uuid()]);
const MAX_BIGINT = 9_223_372_036_854_775_807n;
const IdKey = z.tuple([
  z
    .string()
    .regex(/^\d{1,19}$/)
    .refine((id) => BigInt(id) <= MAX_BIGINT),
]);

export interface TimeKeyset {
  at: string;
  id: string;
}

function encode(key: readonly string[]): string {
  return btoa(JSON.stringify(key)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** `field` names the input the cursor came in, for the error's path. */
function decode<T>(cursor: string, schema: z.ZodType<T>, field: string): T {
  try {
    const json = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    return schema.parse(JSON.parse(json));
  } catch {
    throw new AppError('invalid_input', 'This list could not continue from where it was. Reload it from the first page.', 'org_admin', [
      { path: field, message: 'Not a cursor this list handed out.' },
    ]);
  }
}

export function decodeTimeCursor(cursor: string | undefined): TimeKeyset | null {
  if (cursor === undefined) return null;
  const [at, id] = decode(cursor, TimeKey, 'cursor');
  return { at, id };
}

export function decodeIdCursor(cursor: string | undefined, field: string): string | null {
  if (cursor === undefined) return null;
  return decode(cursor, IdKey, field)[0];
}

/**
 * Rows are fetched `limit + 1` at a time: the extra row only tells whether there is a next page.
 */
export function pageFrom<Row>(
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => readonly string[],
): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last !== undefined ? encode(keyOf(last)) : null };
}
