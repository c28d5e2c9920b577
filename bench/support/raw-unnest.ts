import type { Db } from '../../backend/db/port.ts';
import { arrayLiteral } from '../../backend/db/array-literal.ts';
import { uuidV7 } from '../../shared/domain/uuid-v7.ts';
import type { RawRow } from './raw-upsert.ts';

// The shape the engine's insertMembers (backend/engine/apply-page.ts) writes a page of new
// members in: one statement, the page as one typed array per column, members and their links
// together. Written out here rather than imported, so that the baseline stays what it is while
// the engine changes; the point is to show how far the engine is from this way of writing.
const INSERT_MEMBERS_AND_LINKS = `with r as materialized (
         select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[],
                              $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[], $13::timestamptz[])
           as r(member_id, external_id, first_name, last_name, email, phone, birth_date,
                status, roles, unit_id, unit_name, has_personnummer, source_updated_at)),
       inserted as (
         insert into sync.members (id, org_id, first_name, last_name, email, phone, birth_date, status, roles,
                                   affiliation_unit_id, affiliation_unit_name, has_personnummer)
         select r.member_id, $14, r.first_name, r.last_name, r.email, r.phone, r.birth_date, r.status, r.roles::text[],
                r.unit_id, r.unit_name, r.has_personnummer
           from r)
  insert into sync.member_links (integration_id, external_id, member_id, org_id, source_updated_at)
  select $15, r.external_id, r.member_id, $14, r.source_updated_at from r`;

type Column = Exclude<keyof RawRow, 'id' | 'roles'>;

/**
 * The second baseline for a first sync: the same canonical rows inserted as new members and
 * links the way the engine inserts them, in batches, one transaction per batch. Timed: the ids,
 * the array literals, the statements, the commits. The rows must be new to the database. There
 * is no run, so the links' first_seen_run_id stays null.
 */
export async function rawUnnestInsert(
  db: Db,
  rows: readonly RawRow[],
  options: { orgId: string; integrationId: string; batchSize: number },
): Promise<{ ms: number; batches: number }> {
  const started = performance.now();
  let batches = 0;
  for (let from = 0; from < rows.length; from += options.batchSize) {
    const batch = rows.slice(from, from + options.batchSize);
    const column = (key: Column) => arrayLiteral(batch.map((row) => row[key]));
    // Fresh time-ordered ids, minted while timed as the engine mints them for new members.
    const ids = arrayLiteral(batch.map(() => uuidV7()));
    await db.transaction(async (tx) => {
      await tx.query(INSERT_MEMBERS_AND_LINKS, [
        ids,
        column('external_id'),
        column('first_name'),
        column('last_name'),
        column('email'),
        column('phone'),
        column('birth_date'),
        column('status'),
        // unnest takes no ragged arrays: each member's roles travel as an array literal of their own.
        arrayLiteral(batch.map((row) => arrayLiteral(row.roles))),
        column('unit_id'),
        column('unit_name'),
        column('has_personnummer'),
        column('source_updated_at'),
        options.orgId,
        options.integrationId,
      ]);
    });
    batches++;
  }
  return { ms: performance.now() - started, batches };
}
