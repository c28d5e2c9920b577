import type { Queryable } from '../db/port.ts';

/**
 * Runs `work` as `service_role` inside a transaction that `asCaller` opened for a user, then
 * drops back to the caller's role. For the few writes an admin may cause but not make (the audit
 * trail, the scheduler's next-run columns), so that they commit or roll back together with the
 * admin's own change: an audited change can never be missing its event, and an event can never
 * describe a change that rolled back. Only fixed statements of ours run in `work`, never SQL
 * shaped by the caller; the JWT claims stay the caller's, so `auth.uid()` still names them.
 */
export async function withServiceRole<T>(tx: Queryable, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const { rows } = await tx.query<{ previous: string }>(
    // The CTE row is read before the select list runs, so `previous` is the role before the switch.
    `with caller as materialized (select current_setting('role') as previous)
     select previous, set_config('role', 'service_role', true) from caller`,
  );
  const result = await work(tx);
  await tx.query(`select set_config('role', $1, true)`, [rows[0]?.previous ?? 'authenticated']);
  return result;
}
