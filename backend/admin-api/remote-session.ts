import type { Router } from '../rpc/router.ts';
import type { BackendContext } from '../handlers/context.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import type { Session, SignedInAdmin } from '../../shared/contract/schemas.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { asCaller } from '../db/as-caller.ts';
import type { Queryable } from '../db/port.ts';
import { requireUser } from '../handlers/context.ts';

/** The signed-in admin's own account, read as them: row-level security shows them only their own rows. */
async function signedInAdmin(tx: Queryable, userId: string): Promise<SignedInAdmin | null> {
  const { rows } = await tx.query<{ email: string; display_name: string; is_global: boolean; org_ids: string[] }>(
    `select a.email, a.display_name, a.is_global,
            coalesce(array_agg(oa.org_id order by oa.org_id) filter (where oa.org_id is not null), '{}') as org_ids
       from sync.admins a
       left join sync.org_admins oa on oa.user_id = a.user_id
      where a.user_id = $1
      group by a.user_id`,
    [userId],
  );
  const row = rows[0];
  return row ? { userId, email: row.email, displayName: row.display_name, isGlobal: row.is_global, orgIds: row.org_ids } : null;
}

/**
 * The session operations where the admin's own Supabase session decides who they are (the
 * `admin-api` function). A signed-in user who is no admin gets `admin: null` and sees nothing;
 * "acting as" someone else and the demo's practice registries exist only in the embedded demo.
 */
export function registerRemoteSessionHandlers(router: Router<Operations, BackendContext>): void {
  router.register('session.get', async (_input, { db, caller }): Promise<Session> => {
    const user = requireUser(caller);
    const admin = await asCaller(db, caller, (tx) => signedInAdmin(tx, user.userId));
    return { mode: 'remote', admin, demoIdentities: [] };
  });
  router.register('session.actAs', async () => {
    throw new AppError('forbidden', 'Acting as another administrator exists only in the demo.', 'org_admin');
  });
  router.register('demo.registries', async () => []);
}
