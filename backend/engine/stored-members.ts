import type { Queryable } from '../db/port.ts';
import { STORED_MEMBER_COLUMNS, storedMemberFromRow, type StoredMember } from './member-state.ts';

/** The app's members behind these registry ids, in one round trip. */
export async function loadStoredMembers(
  tx: Queryable,
  integrationId: string,
  externalIds: readonly string[],
): Promise<Map<string, StoredMember>> {
  const stored = new Map<string, StoredMember>();
  if (externalIds.length === 0) return stored;
  const { rows } = await tx.query(
    `select ${STORED_MEMBER_COLUMNS}
       from sync.member_links l
       join sync.members m on m.id = l.member_id
      where l.integration_id = $1 and l.external_id = any($2::text[])`,
    [integrationId, externalIds],
  );
  for (const row of rows) {
    const { externalId, member } = storedMemberFromRow(row);
    stored.set(externalId, member);
  }
  return stored;
}
