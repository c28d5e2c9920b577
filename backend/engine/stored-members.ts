import type { Queryable } from '../db/port.ts';
import type { CanonicalMember } from '../../shared/domain/member.ts';
import { arrayLiteral } from '../db/array-literal.ts';
import { STORED_MEMBER_COLUMNS, storedMemberFromRow, type StoredMember } from './member-state.ts';

/** What the database holds for a page's registry ids. */
export interface StoredForPage {
  /** Members that may change: each is reconciled with its record. */
  stored: Map<string, StoredMember>;
  /**
   * Members the database itself found identical to their record, with nothing pending in the
   * app, and neither absent nor removed now: reconcileMember would call each of them unchanged.
   */
  unchanged: Set<string>;
}

// Lateral lookups with `offset 0` keep the planner on the two indexes: with a thousand ids in
// `= any(...)` it chose to hash the whole link table instead (measured 50–80 ms a page at
// 100 000 members, against 5–12 ms this way).
const LINKED_MEMBERS = `cross join lateral (select * from sync.member_links l
                                            where l.integration_id = $1 and l.external_id = r.external_id offset 0) l
       cross join lateral (select * from sync.members m where m.id = l.member_id offset 0) m`;

/** The app's members behind these registry ids, in one round trip. */
export async function loadStoredMembers(tx: Queryable, integrationId: string, externalIds: readonly string[]): Promise<Map<string, StoredMember>> {
  const stored = new Map<string, StoredMember>();
  if (externalIds.length === 0) return stored;
  const { rows } = await tx.query(`select ${STORED_MEMBER_COLUMNS} from unnest($2::text[]) as r(external_id) ${LINKED_MEMBERS}`, [
    integrationId,
    externalIds,
  ]);
  for (const row of rows) {
    const { externalId, member } = storedMemberFromRow(row);
    stored.set(externalId, member);
  }
  return stored;
}

/** Those of the page's members already linked to this integration, in one round trip of ids only. */
export async function linkedAmong(tx: Queryable, integrationId: string, incoming: ReadonlyMap<string, CanonicalMember>): Promise<CanonicalMember[]> {
  if (incoming.size === 0) return [];
  const { rows } = await tx.query<{ external_id: string }>(
    `select l.external_id from unnest($2::text[]) as r(external_id)
       cross join lateral (select l.external_id from sync.member_links l
                            where l.integration_id = $1 and l.external_id = r.external_id offset 0) l`,
    [integrationId, [...incoming.keys()]],
  );
  return rows.flatMap((row) => incoming.get(row.external_id) ?? []);
}

/**
 * The stored members behind a page of records, compared in the database: a member identical
 * to its record (reconcileMember's fast case: every stored field equal, nothing pending in the
 * app, neither absent nor removed) comes back as its id alone, and only the others as whole
 * rows to reconcile. On an unchanged re-sync, the nightly common case, the worker then reads a
 * thousand ids a page instead of a thousand members. The comparison only ever errs towards
 * "may change" (roles in another order, say), which reconcileMember then settles.
 *
 * `seenBy`: the full run whose page this is; every stored member found is recorded as seen by
 * it in the same statement.
 */
export async function loadStoredForPage(
  tx: Queryable,
  integrationId: string,
  incoming: readonly CanonicalMember[],
  seenBy: string | null,
): Promise<StoredForPage> {
  const result: StoredForPage = { stored: new Map(), unchanged: new Set() };
  if (incoming.length === 0) return result;
  const column = (pick: (member: CanonicalMember) => string | boolean | null) => arrayLiteral(incoming.map(pick));
  const { rows } = await tx.query<{ external_id: string; unchanged: boolean; stored: unknown }>(
    `with r as materialized (
            select * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[],
                                 $9::text[], $10::text[], $11::text[], $12::boolean[])
              as r(external_id, first_name, last_name, email, phone, birth_date, status, roles, unit_id, unit_name,
                   has_personnummer)),
          found as materialized (
            select ${STORED_MEMBER_COLUMNS},
                   (l.absent_since is null and m.removed_at is null and m.app_changes = '{}'::jsonb
                    and m.first_name = r.first_name and m.last_name = r.last_name
                    and m.email is not distinct from r.email and m.phone is not distinct from r.phone
                    and m.birth_date is not distinct from r.birth_date and m.status = r.status
                    and m.has_personnummer = r.has_personnummer and m.roles = r.roles::text[]
                    and m.affiliation_unit_id is not distinct from r.unit_id
                    and (r.unit_id is null or coalesce(m.affiliation_unit_name, m.affiliation_unit_id) = r.unit_name)) is true as unchanged
              from r ${LINKED_MEMBERS}),
          seen as (
            insert into sync.run_seen_members (run_id, external_id)
            select $13::uuid, external_id from found where $13::uuid is not null)
     select found.external_id, found.unchanged, case when not found.unchanged then to_jsonb(found) end as stored from found`,
    [
      integrationId,
      column((m) => m.externalId),
      column((m) => m.firstName),
      column((m) => m.lastName),
      column((m) => m.email),
      column((m) => m.phone),
      column((m) => m.birthDate),
      column((m) => m.status),
      // unnest takes no ragged arrays: each member's roles go as an array literal of their own.
      arrayLiteral(incoming.map((m) => arrayLiteral(m.roles))),
      column((m) => m.affiliation?.unitId ?? null),
      column((m) => m.affiliation?.unitName ?? null),
      column((m) => m.hasPersonnummer),
      seenBy,
    ],
  );
  for (const row of rows) {
    if (row.unchanged) {
      result.unchanged.add(row.external_id);
      continue;
    }
    const { externalId, member } = storedMemberFromRow(row.stored);
    result.stored.set(externalId, member);
  }
  return result;
}
