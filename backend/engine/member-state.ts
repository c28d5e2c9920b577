import { z } from 'zod';
import { Affiliation, DataCategory, MemberRole, MemberStatus, type CanonicalMember } from '../../shared/domain/member.ts';

/** The app's pending edit of one category: when it last changed, and the value both sides last agreed on. */
export const AppChange = z.object({ at: z.string(), before: z.record(z.string(), z.unknown()) });
export type AppChange = z.infer<typeof AppChange>;
export const AppChanges = z.partialRecord(DataCategory, AppChange);
export type AppChanges = z.infer<typeof AppChanges>;

/** A member as the app holds it, with what the engine needs to reconcile it with a registry record. */
export interface StoredMember {
  memberId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  status: MemberStatus;
  roles: MemberRole[];
  affiliation: Affiliation | null;
  hasPersonnummer: boolean;
  appChanges: AppChanges;
  removedAt: string | null;
  absentSince: string | null;
  /** The registry's updated-at of the record we last applied. */
  sourceUpdatedAt: string;
}

/** The stored-member columns, as every engine read selects them (`m` members, `l` member_links). */
export const STORED_MEMBER_COLUMNS = `l.external_id, l.member_id, m.first_name, m.last_name, m.email, m.phone,
  m.birth_date, m.status, m.roles, m.affiliation_unit_id, m.affiliation_unit_name, m.has_personnummer,
  m.app_changes, m.removed_at, l.absent_since, l.source_updated_at`;

const StoredMemberRow = z.object({
  external_id: z.string(),
  member_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  birth_date: z.string().nullable(),
  status: MemberStatus,
  roles: z.array(MemberRole),
  affiliation_unit_id: z.string().nullable(),
  affiliation_unit_name: z.string().nullable(),
  has_personnummer: z.boolean(),
  app_changes: AppChanges,
  removed_at: z.union([z.date(), z.string()]).nullable(),
  absent_since: z.union([z.date(), z.string()]).nullable(),
  source_updated_at: z.union([z.date(), z.string()]),
});

const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());

/** Parses a row selected with STORED_MEMBER_COLUMNS. */
export function storedMemberFromRow(row: unknown): { externalId: string; member: StoredMember } {
  const r = StoredMemberRow.parse(row);
  return {
    externalId: r.external_id,
    member: {
      memberId: r.member_id,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      phone: r.phone,
      birthDate: r.birth_date,
      status: r.status,
      roles: r.roles,
      affiliation:
        r.affiliation_unit_id === null ? null : { unitId: r.affiliation_unit_id, unitName: r.affiliation_unit_name ?? r.affiliation_unit_id },
      hasPersonnummer: r.has_personnummer,
      appChanges: r.app_changes,
      removedAt: r.removed_at === null ? null : iso(r.removed_at),
      absentSince: r.absent_since === null ? null : iso(r.absent_since),
      sourceUpdatedAt: iso(r.source_updated_at),
    },
  };
}

/** The fields a member record carries that the app stores, canonical or stored alike. */
export type MemberFields = Pick<
  CanonicalMember,
  'firstName' | 'lastName' | 'email' | 'phone' | 'birthDate' | 'status' | 'roles' | 'affiliation' | 'hasPersonnummer'
>;
