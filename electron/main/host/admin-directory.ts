import { z } from 'zod';
import type { Db } from '../../../backend/db/port.ts';
import { asCaller } from '../../../backend/db/as-caller.ts';
import type { SignedInAdmin } from '../../../shared/contract/schemas.ts';

const AdminRow = z.object({
  user_id: z.string(),
  email: z.string(),
  display_name: z.string(),
  is_global: z.boolean(),
  org_ids: z.array(z.string()),
});

/** The seeded admins, read as the service: this is the demo's stand-in for GoTrue's user list. */
export async function listAdmins(db: Db): Promise<SignedInAdmin[]> {
  return asCaller(db, { kind: 'service' }, async (tx) => {
    const { rows } = await tx.query(
      `select a.user_id, a.email, a.display_name, a.is_global,
              coalesce(array_agg(oa.org_id order by oa.org_id) filter (where oa.org_id is not null), '{}') as org_ids
         from sync.admins a
         left join sync.org_admins oa on oa.user_id = a.user_id
        group by a.user_id
        order by a.is_global desc, a.display_name`,
    );
    return rows.map((row) => {
      const admin = AdminRow.parse(row);
      return { userId: admin.user_id, email: admin.email, displayName: admin.display_name, isGlobal: admin.is_global, orgIds: admin.org_ids };
    });
  });
}
