import { z } from 'zod';
import { hasStorableOffset, isStorableInstant, isStorableText, StorableText } from './storable.ts';

/**
 * The canonical member model every registry adapter maps to.
 * Personnummer is deliberately absent: an adapter reduces it to `hasPersonnummer`
 * so the number itself never reaches the engine, the database or the console.
 */
export const memberStatuses = ['active', 'pending', 'lapsed', 'resigned', 'deceased'] as const;
export const MemberStatus = z.enum(memberStatuses);
export type MemberStatus = z.infer<typeof MemberStatus>;

export const memberRoles = ['member', 'board_member', 'chair', 'deputy_chair', 'treasurer', 'leader', 'volunteer', 'contact_person'] as const;
export const MemberRole = z.enum(memberRoles);
export type MemberRole = z.infer<typeof MemberRole>;

/** The four data categories that conflict rules are set per. */
export const dataCategories = ['membership_status', 'roles', 'contact_details', 'affiliation'] as const;
export const DataCategory = z.enum(dataCategories);
export type DataCategory = z.infer<typeof DataCategory>;

export const Affiliation = z.object({
  unitId: StorableText.min(1).max(100),
  unitName: StorableText.min(1).max(200),
});
export type Affiliation = z.infer<typeof Affiliation>;

// Registries use placeholders such as 0000-01-01 for "unknown"; PostgreSQL cannot store year 0,
// so such a record is rejected on its own instead of failing the page it arrived in. The same
// goes for an offset PostgreSQL cannot hold (+23:59) and for text with a NUL character in it.
const birthDate = z.iso.date().refine((value) => value >= '1880-01-01' && value <= '2100-12-31', 'Birth date out of range');
const changedAt = z.iso
  .datetime({ offset: true })
  .refine((value) => isStorableInstant(value) && value >= '1970' && value < '2200', 'Timestamp out of range');

export const CanonicalMember = z.object({
  /** The member's id in the source registry; unique per integration. */
  externalId: StorableText.min(1).max(100),
  firstName: StorableText.min(1).max(200),
  lastName: StorableText.min(1).max(200),
  email: z.email().max(320).nullable(),
  phone: StorableText.max(40).nullable(),
  birthDate: birthDate.nullable(),
  status: MemberStatus,
  roles: z.array(MemberRole).max(20),
  affiliation: Affiliation.nullable(),
  hasPersonnummer: z.boolean(),
  /** When the source last changed this record (ISO 8601 with offset). */
  sourceUpdatedAt: changedAt,
});
export type CanonicalMember = z.infer<typeof CanonicalMember>;

const statusSet: ReadonlySet<string> = new Set(memberStatuses);
const roleSet: ReadonlySet<string> = new Set(memberRoles);
const datetimeWithOffset = z.regexes.datetime({ offset: true, local: false, precision: null });
const text = (value: unknown, min: number, max: number) =>
  typeof value === 'string' && value.length >= min && value.length <= max && isStorableText(value);

/**
 * Whether CanonicalMember would pass this member, checked by hand with the schema's own rules
 * and patterns (zod's email, date and datetime regexes): a sync checks every record, and zod
 * costs microseconds each. True only where the schema passes too, so a caller may take the
 * member as parsed; on false, parse it with the schema for the issues.
 */
export function passesCanonicalMember(member: CanonicalMember): boolean {
  // Typed as a member, but checked as anything: the types are what the schema is there to check.
  const { email, phone, birthDate: born, roles, affiliation, sourceUpdatedAt } = member as Partial<Record<keyof CanonicalMember, unknown>>;
  return (
    text(member.externalId, 1, 100) &&
    text(member.firstName, 1, 200) &&
    text(member.lastName, 1, 200) &&
    (email === null || (typeof email === 'string' && email.length <= 320 && z.regexes.email.test(email))) &&
    (phone === null || text(phone, 0, 40)) &&
    (born === null || (typeof born === 'string' && z.regexes.date.test(born) && born >= '1880-01-01' && born <= '2100-12-31')) &&
    typeof member.status === 'string' &&
    statusSet.has(member.status) &&
    Array.isArray(roles) &&
    roles.length <= 20 &&
    roles.every((role) => typeof role === 'string' && roleSet.has(role)) &&
    (affiliation === null ||
      (typeof affiliation === 'object' &&
        affiliation !== undefined &&
        !Array.isArray(affiliation) &&
        text((affiliation as Partial<Affiliation>).unitId, 1, 100) &&
        text((affiliation as Partial<Affiliation>).unitName, 1, 200))) &&
    typeof member.hasPersonnummer === 'boolean' &&
    typeof sourceUpdatedAt === 'string' &&
    datetimeWithOffset.test(sourceUpdatedAt) &&
    // Years 1970 to 2199 lie well inside isStorableInstant's range; only the offset is left to check.
    sourceUpdatedAt >= '1970' &&
    sourceUpdatedAt < '2200' &&
    hasStorableOffset(sourceUpdatedAt)
  );
}
