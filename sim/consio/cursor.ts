import { z } from 'zod';
import type { ListingPosition } from './member-listing.ts';

/**
 * The opaque `after` cursor: a listing position as base64url JSON. Clients must not build one;
 * the version and query kind inside let the server refuse a cursor from another query.
 */
const count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

const CursorBody = z.discriminatedUnion('q', [
  z.object({ v: z.literal(1), q: z.literal('all'), a: count }),
  z.object({ v: z.literal(1), q: z.literal('delta'), s: count, t: count, a: count }),
]);

export function encodeCursor(position: ListingPosition): string {
  const body =
    position.kind === 'all'
      ? { v: 1, q: 'all', a: position.actNo }
      : { v: 1, q: 'delta', s: position.sinceMs, t: position.changedMs, a: position.actNo };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The position a cursor names, or null for anything this server did not issue. */
export function decodeCursor(cursor: string): ListingPosition | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = CursorBody.safeParse(json);
  if (!parsed.success) return null;
  const body = parsed.data;
  return body.q === 'all' ? { kind: 'all', actNo: body.a } : { kind: 'delta', sinceMs: body.s, changedMs: body.t, actNo: body.a };
}
