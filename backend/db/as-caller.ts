import type { Caller, Db, Queryable } from './port.ts';

/**
 * Runs `work` as `caller`, exactly as PostgREST does for a Supabase request: one
 * transaction whose local settings carry the JWT claims and whose role is the API role,
 * so row-level security decides what the caller may see and change. Everything reverts
 * when the transaction ends, so a pooled connection never leaks one caller to the next.
 */
export function asCaller<T>(db: Db, caller: Caller, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const { role, claims, subject } =
      caller.kind === 'user'
        ? {
            role: 'authenticated',
            claims: { sub: caller.userId, email: caller.email, role: 'authenticated', aud: 'authenticated' },
            subject: caller.userId,
          }
        : { role: 'service_role', claims: { role: 'service_role' }, subject: '' };
    // set_config('role', …, true) is SET LOCAL ROLE in a form that takes parameters, so
    // the claims and the role switch cost one round trip, as in PostgREST.
    await tx.query(
      `select
         set_config('request.jwt.claims', $1, true),
         set_config('request.jwt.claim.sub', $2, true),
         set_config('role', $3, true)`,
      [JSON.stringify(claims), subject, role],
    );
    return work(tx);
  });
}
