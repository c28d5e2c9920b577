import type { Queryable } from '../db/port.ts';
import type { CanonicalMember } from '../../shared/domain/member.ts';
import { memberContentHash } from './member-hash.ts';

export interface PageCounts {
  created: number;
  updated: number;
  unchanged: number;
}

interface ExistingLink {
  external_id: string;
  member_id: string;
  content_hash: string;
}

function memberRow(member: CanonicalMember, memberId: string, hash: string) {
  return {
    member_id: memberId,
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
    content_hash: hash,
  };
}

const RECORDSET = `jsonb_to_recordset($1::jsonb) as r(
  member_id uuid, external_id text, first_name text, last_name text, email text, phone text,
  birth_date date, status text, roles text[], unit_id text, unit_name text,
  has_personnummer boolean, source_updated_at timestamptz, content_hash text)`;

/**
 * Writes one page of source members, set-based: new members are inserted, changed ones updated,
 * and every member seen is stamped with the run, so members absent from the source can be found.
 * The external system wins for every category here; conflict rules arrive with the engine issue.
 */
export async function applyMemberPage(
  tx: Queryable,
  target: { integrationId: string; orgId: string; runId: string },
  members: readonly CanonicalMember[],
): Promise<PageCounts> {
  if (members.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  const byExternalId = new Map(members.map((member) => [member.externalId, member]));
  const { rows: existing } = await tx.query<ExistingLink>(
    `select external_id, member_id, content_hash from sync.member_links
      where integration_id = $1 and external_id = any($2::text[])`,
    [target.integrationId, [...byExternalId.keys()]],
  );
  const existingById = new Map(existing.map((link) => [link.external_id, link]));

  const created = [];
  const changed = [];
  const unchangedIds: string[] = [];
  for (const member of byExternalId.values()) {
    const hash = await memberContentHash(member);
    const link = existingById.get(member.externalId);
    if (!link) created.push(memberRow(member, crypto.randomUUID(), hash));
    else if (link.content_hash !== hash) changed.push(memberRow(member, link.member_id, hash));
    else unchangedIds.push(member.externalId);
  }

  if (created.length > 0) {
    await tx.query(
      `insert into sync.members (id, org_id, first_name, last_name, email, phone, birth_date, status, roles,
                                 affiliation_unit_id, affiliation_unit_name, has_personnummer)
       select r.member_id, $2, r.first_name, r.last_name, r.email, r.phone, r.birth_date, r.status, r.roles,
              r.unit_id, r.unit_name, r.has_personnummer
         from ${RECORDSET}`,
      [JSON.stringify(created), target.orgId],
    );
    await tx.query(
      `insert into sync.member_links (integration_id, external_id, member_id, org_id, source_updated_at, last_seen_run_id, content_hash)
       select $2, r.external_id, r.member_id, $3, r.source_updated_at, $4, r.content_hash
         from ${RECORDSET}`,
      [JSON.stringify(created), target.integrationId, target.orgId, target.runId],
    );
  }
  if (changed.length > 0) {
    await tx.query(
      `update sync.members m
          set first_name = r.first_name, last_name = r.last_name, email = r.email, phone = r.phone,
              birth_date = r.birth_date, status = r.status, roles = r.roles,
              affiliation_unit_id = r.unit_id, affiliation_unit_name = r.unit_name,
              has_personnummer = r.has_personnummer, updated_at = now()
         from ${RECORDSET}
        where m.id = r.member_id`,
      [JSON.stringify(changed)],
    );
    await tx.query(
      `update sync.member_links l
          set content_hash = r.content_hash, source_updated_at = r.source_updated_at, last_seen_run_id = $3
         from ${RECORDSET}
        where l.integration_id = $2 and l.external_id = r.external_id`,
      [JSON.stringify(changed), target.integrationId, target.runId],
    );
  }
  if (unchangedIds.length > 0) {
    await tx.query(
      `update sync.member_links set last_seen_run_id = $3 where integration_id = $1 and external_id = any($2::text[])`,
      [target.integrationId, unchangedIds, target.runId],
    );
  }
  return { created: created.length, updated: changed.length, unchanged: unchangedIds.length };
}
