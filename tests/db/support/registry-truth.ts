import { expect } from 'vitest';
import type { Db } from '../../../backend/db/port.ts';
import type { SourceRecord } from '../../../backend/adapters/member-source.ts';
import { mapCornerstoneRecord } from '../../../backend/adapters/cornerstone/mapping.ts';
import { mapConsioRecord } from '../../../backend/adapters/consio/mapping.ts';
import type { CanonicalMember } from '../../../shared/domain/member.ts';
import type { RegistrySimLevers } from '../../../sim/shared/registry-sim.ts';
import type { CornerstoneWireMember } from '../../../sim/cornerstone/records.ts';
import type { ConsioMemberRecord } from '../../../sim/consio/records.ts';

/**
 * How a test reads one registry's records: with the adapter's own pure mapping (the truth the
 * database must equal), the record's id, and the personal values a quarantine reason must never quote.
 */
export interface RegistryReading<Raw> {
  map(raw: Raw): SourceRecord;
  externalIdOf(raw: Raw): string;
  personalValuesOf(raw: Raw): ReadonlyArray<string | null | undefined>;
}

export const cornerstoneReading: RegistryReading<CornerstoneWireMember> = {
  map: mapCornerstoneRecord,
  externalIdOf: (raw) => raw.memberId,
  personalValuesOf: (raw) => [raw.nationalIdentityNumber, raw.email, raw.mobile, raw.firstName, raw.lastName, raw.birthDate],
};

export const consioReading: RegistryReading<ConsioMemberRecord> = {
  map: mapConsioRecord,
  externalIdOf: (raw) => String(raw.actNo),
  personalValuesOf: (raw) => [raw.ssn, raw.emailAddress, raw.mobilePhone, raw.firstname, raw.surname, raw.dateOfBirth],
};

export interface RegistryTruth {
  /** Every record the mapping accepts, by external id. */
  valid: Map<string, CanonicalMember>;
  /** Every record it rejects, by external id, with the personal values its reason must not contain. */
  invalid: Map<string, string[]>;
}

/**
 * What the database must hold after a full sync: the simulator's records now, through the
 * adapter's mapping. Also checks that the simulator's invalid-record lever and the mapping
 * agree, so "valid" means the same thing to both.
 */
export function registryTruth<Raw>(
  sim: Pick<RegistrySimLevers, 'isInvalidRecord'> & { records(): Iterable<Raw> },
  reading: RegistryReading<Raw>,
): RegistryTruth {
  const valid = new Map<string, CanonicalMember>();
  const invalid = new Map<string, string[]>();
  const disagreements: string[] = [];
  for (const raw of sim.records()) {
    const externalId = reading.externalIdOf(raw);
    const mapped = reading.map(raw);
    if (mapped.ok) valid.set(externalId, mapped.member);
    else
      invalid.set(
        externalId,
        reading.personalValuesOf(raw).filter((value): value is string => typeof value === 'string' && value.trim() !== ''),
      );
    if (mapped.ok === sim.isInvalidRecord(externalId)) disagreements.push(`${externalId}: simulator says ${mapped.ok ? 'invalid' : 'valid'}`);
  }
  expect(disagreements, 'the simulator and the mapping disagree on which records are invalid').toEqual([]);
  expect(valid.size + invalid.size).toBeGreaterThan(0);
  return { valid, invalid };
}

interface StoredMemberRow {
  external_id: string;
  member_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
  status: string;
  roles: string[];
  affiliation_unit_id: string | null;
  affiliation_unit_name: string | null;
  has_personnummer: boolean;
  removed: boolean;
  absent: boolean;
}

/** The fields the sync stores, in the database's terms, for one canonical member. */
function storedFieldsOf(member: CanonicalMember): Record<string, unknown> {
  return {
    first_name: member.firstName,
    last_name: member.lastName,
    email: member.email,
    phone: member.phone,
    birth_date: member.birthDate,
    status: member.status,
    roles: [...member.roles].sort(),
    affiliation_unit_id: member.affiliation?.unitId ?? null,
    affiliation_unit_name: member.affiliation?.unitName ?? null,
    has_personnummer: member.hasPersonnummer,
    removed: false,
    absent: false,
  };
}

/**
 * What a full sync after `before` must do to reach `after`: members to create, and members
 * whose stored fields change. Compared by value, not by the simulator's list of changes,
 * because a registry may "change" a record to what it already was (a new e-mail address
 * that happens to be the old one): only its updated-at moves, and nothing is to be written.
 */
export function truthChanges(before: RegistryTruth, after: RegistryTruth): { created: number; changed: number } {
  let created = 0;
  let changed = 0;
  for (const [externalId, member] of after.valid) {
    const earlier = before.valid.get(externalId);
    if (!earlier) created++;
    else if (JSON.stringify(storedFieldsOf(earlier)) !== JSON.stringify(storedFieldsOf(member))) changed++;
  }
  return { created, changed };
}

const firstFew = (items: readonly string[]) => items.slice(0, 10);

/**
 * The database equals the registry's truth: every valid record is one member, linked once,
 * field by field equal to the mapping; no other member; every invalid record quarantined
 * once, open, with a reason that quotes none of the member's personal values.
 */
export async function expectDatabaseEqualsTruth(db: Db, target: { integrationId: string; orgId: string }, truth: RegistryTruth): Promise<void> {
  const { rows } = await db.query<StoredMemberRow>(
    `select l.external_id, m.id as member_id, m.first_name, m.last_name, m.email, m.phone, m.birth_date::text as birth_date,
            m.status, m.roles, m.affiliation_unit_id, m.affiliation_unit_name, m.has_personnummer,
            m.removed_at is not null as removed, l.absent_since is not null as absent
       from sync.member_links l join sync.members m on m.id = l.member_id
      where l.integration_id = $1`,
    [target.integrationId],
  );
  const stored = new Map<string, StoredMemberRow>();
  const linkedTwice: string[] = [];
  for (const row of rows) {
    if (stored.has(row.external_id)) linkedTwice.push(row.external_id);
    stored.set(row.external_id, row);
  }
  expect(linkedTwice, 'external ids linked more than once').toEqual([]);

  const mismatches: string[] = [];
  const missing: string[] = [];
  for (const [externalId, member] of truth.valid) {
    const row = stored.get(externalId);
    if (!row) {
      missing.push(externalId);
      continue;
    }
    const actual: Record<string, unknown> = { ...row, roles: [...row.roles].sort() };
    for (const [field, expected] of Object.entries(storedFieldsOf(member))) {
      if (JSON.stringify(actual[field]) !== JSON.stringify(expected)) {
        mismatches.push(`${externalId}.${field}: stored ${JSON.stringify(actual[field])}, registry ${JSON.stringify(expected)}`);
      }
    }
  }
  const extra = [...stored.keys()].filter((externalId) => !truth.valid.has(externalId));
  expect(firstFew(missing), `${missing.length} valid records have no member`).toEqual([]);
  expect(firstFew(extra), `${extra.length} members are not valid records of the registry`).toEqual([]);
  expect(firstFew(mismatches), `${mismatches.length} fields differ from the registry`).toEqual([]);

  const { rows: counts } = await db.query<{ members: number; links: number; linked_members: number }>(
    `select (select count(*)::int from sync.members where org_id = $2) as members,
            (select count(*)::int from sync.member_links where integration_id = $1) as links,
            (select count(distinct member_id)::int from sync.member_links where integration_id = $1) as linked_members`,
    [target.integrationId, target.orgId],
  );
  expect(counts[0]).toEqual({ members: truth.valid.size, links: truth.valid.size, linked_members: truth.valid.size });

  const { rows: quarantined } = await db.query<{ external_id: string | null; reason: string; open: boolean }>(
    `select external_id, reason, resolved_at is null as open from sync.quarantined_records where integration_id = $1`,
    [target.integrationId],
  );
  const quarantinedIds = quarantined.map((row) => row.external_id ?? '(no id)');
  expect(quarantinedIds.length, 'one quarantine row per invalid record').toBe(new Set(quarantinedIds).size);
  expect(quarantinedIds.sort()).toEqual([...truth.invalid.keys()].sort());
  const badReasons: string[] = [];
  for (const row of quarantined) {
    const personal = truth.invalid.get(row.external_id ?? '') ?? [];
    if (!row.open) badReasons.push(`${row.external_id}: resolved although still invalid`);
    if (row.reason.trim() === '') badReasons.push(`${row.external_id}: empty reason`);
    for (const value of personal)
      if (row.reason.includes(value)) badReasons.push(`${row.external_id}: reason quotes a personal value (${row.reason})`);
  }
  expect(firstFew(badReasons)).toEqual([]);
}
