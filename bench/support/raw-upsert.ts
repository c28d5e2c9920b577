import type { Db } from '../../backend/db/port.ts';
import { mapCornerstoneRecord } from '../../backend/adapters/cornerstone/mapping.ts';
import type { CanonicalMember } from '../../shared/domain/member.ts';
import { startCornerstoneSim } from '../../sim/cornerstone/server.ts';
import { uuidV7 } from '../../shared/domain/uuid-v7.ts';

export interface RawRow {
  id: string;
  external_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
  status: string;
  roles: string[];
  unit_id: string | null;
  unit_name: string | null;
  has_personnummer: boolean;
  source_updated_at: string;
}

/**
 * The canonical rows a full sync of this simulator would write: its records exactly as the
 * API serves them, through the Cornerstone adapter's own mapping. Built before any timing.
 */
export async function canonicalRows(memberCount: number, seed: number): Promise<{ rows: RawRow[]; quarantined: number }> {
  const sim = await startCornerstoneSim({ memberCount, seed });
  try {
    const rows: RawRow[] = [];
    let quarantined = 0;
    for (const record of sim.records()) {
      const mapped = mapCornerstoneRecord(record);
      if (!mapped.ok) {
        quarantined++;
        continue;
      }
      rows.push(rowOf(mapped.member));
    }
    return { rows, quarantined };
  } finally {
    await sim.close();
  }
}

function rowOf(member: CanonicalMember): RawRow {
  return {
    // The engine's id scheme, so the baseline writes the same keys the engine does.
    id: uuidV7(),
    external_id: member.externalId,
    first_name: member.firstName,
    last_name: member.lastName,
    email: member.email,
    phone: member.phone,
    birth_date: member.birthDate,
    status: member.status,
    roles: member.roles,
    unit_id: member.affiliation?.unitId ?? null,
    unit_name: member.affiliation?.unitName ?? null,
    has_personnummer: member.hasPersonnummer,
    source_updated_at: member.sourceUpdatedAt,
  };
}

const RECORDSET = `jsonb_to_recordset($1::jsonb) as r(
  id uuid, external_id text, first_name text, last_name text, email text, phone text, birth_date date,
  status text, roles text[], unit_id text, unit_name text, has_personnummer boolean, source_updated_at timestamptz)`;

const UPSERT_MEMBERS = `insert into sync.members (id, org_id, first_name, last_name, email, phone, birth_date, status, roles,
                            affiliation_unit_id, affiliation_unit_name, has_personnummer)
  select r.id, $2, r.first_name, r.last_name, r.email, r.phone, r.birth_date, r.status, r.roles,
         r.unit_id, r.unit_name, r.has_personnummer
    from ${RECORDSET}
  on conflict (id) do update
     set first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email,
         phone = excluded.phone, birth_date = excluded.birth_date, status = excluded.status, roles = excluded.roles,
         affiliation_unit_id = excluded.affiliation_unit_id, affiliation_unit_name = excluded.affiliation_unit_name,
         has_personnummer = excluded.has_personnummer`;

const UPSERT_LINKS = `insert into sync.member_links (integration_id, external_id, member_id, org_id, source_updated_at)
  select $2, r.external_id, r.id, $3, r.source_updated_at from ${RECORDSET}
  on conflict (integration_id, external_id) do update set source_updated_at = excluded.source_updated_at`;

/**
 * The baseline: the same canonical rows upserted in batches through the same driver, one
 * statement per batch (autocommit), or with `withLinks` members and links in one transaction
 * per batch, as the engine writes a page. Timed: JSON building, the statements, the commits.
 */
export async function rawUpsert(
  db: Db,
  rows: readonly RawRow[],
  options: { orgId: string; integrationId: string; batchSize: number; withLinks: boolean },
): Promise<{ ms: number; batches: number }> {
  const started = performance.now();
  let batches = 0;
  for (let from = 0; from < rows.length; from += options.batchSize) {
    const batch = JSON.stringify(rows.slice(from, from + options.batchSize));
    if (options.withLinks) {
      await db.transaction(async (tx) => {
        await tx.query(UPSERT_MEMBERS, [batch, options.orgId]);
        await tx.query(UPSERT_LINKS, [batch, options.integrationId, options.orgId]);
      });
    } else {
      await db.query(UPSERT_MEMBERS, [batch, options.orgId]);
    }
    batches++;
  }
  return { ms: performance.now() - started, batches };
}
