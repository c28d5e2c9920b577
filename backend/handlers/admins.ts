import type { Queryable } from '../db/port.ts';
import type { Decider } from '../engine/held-runs.ts';
import type { AdminRef } from '../../shared/contract/schemas.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { notFound } from './rows.ts';
import { withServiceRole } from './service-role.ts';

/** The signed-in admin as the audit trail names them. Read as the caller: everyone sees their own row. */
export async function actingAdmin(tx: Queryable): Promise<Decider> {
  const { rows } = await tx.query<{ user_id: string; display_name: string }>(
    `select user_id, display_name from sync.admins where user_id = (select auth.uid())`,
  );
  const row = rows[0];
  if (!row) throw new AppError('forbidden', 'Your account is not registered as an administrator.', 'org_admin');
  return { userId: row.user_id, label: row.display_name };
}

/** Not visible to the caller under row-level security is not_found, as for any other row. */
export async function requireVisibleOrg(tx: Queryable, orgId: string): Promise<void> {
  const { rows } = await tx.query(`select 1 from sync.organizations where id = $1`, [orgId]);
  if (rows.length === 0) throw notFound('The organization');
}

/**
 * Names of the admins who acted on rows the caller can already see (who decided a run, resolved
 * a conflict, saved a rule). RLS on `sync.admins` shows an org admin only their own row, so the
 * names are read as the service, but only for ids taken from rows RLS returned: the caller
 * learns who acted in their organization, which the audit trail tells them anyway, and nothing else.
 */
export async function adminRefs(tx: Queryable, ids: ReadonlyArray<string | null>): Promise<Map<string, AdminRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const refs = new Map<string, AdminRef>();
  if (wanted.length === 0) return refs;
  const rows = await withServiceRole(tx, async (service) => {
    const result = await service.query<{ user_id: string; display_name: string }>(
      `select user_id, display_name from sync.admins where user_id = any($1::uuid[])`,
      [wanted],
    );
    return result.rows;
  });
  for (const row of rows) refs.set(row.user_id, { userId: row.user_id, displayName: row.display_name });
  return refs;
}

/** An admin named by a row: their current name, or "a former administrator" once their account is gone. */
export function adminRefOf(refs: Map<string, AdminRef>, id: string | null): AdminRef | null {
  if (id === null) return null;
  return refs.get(id) ?? { userId: id, displayName: 'A former administrator' };
}
