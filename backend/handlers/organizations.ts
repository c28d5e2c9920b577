import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { asCaller } from '../db/as-caller.ts';
import type { BackendContext } from './context.ts';

export function registerOrganizationHandlers(router: Router<Operations, BackendContext>): void {
  // Row-level security decides which organizations come back; the query does not filter.
  router.register('organizations.list', async (_input, { db, caller }) =>
    asCaller(db, caller, async (tx) => {
      const { rows } = await tx.query<{ id: string; name: string; slug: string }>('select id, name, slug from sync.organizations order by name');
      return rows;
    }),
  );
}
