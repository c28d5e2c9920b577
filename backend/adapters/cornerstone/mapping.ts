import type { z } from 'zod';
import { isValidFodselsnummer } from '../../../shared/domain/fodselsnummer.ts';
import { CanonicalMember, passesCanonicalMember, type MemberRole } from '../../../shared/domain/member.ts';
import type { QuarantineProblemEntry } from '../../../shared/domain/quarantine.ts';
import type { SourceRecord } from '../member-source.ts';
import { problemsFromIssues, type FieldNames } from '../quarantine-problems.ts';
import { redact } from '../shared/redaction.ts';
import { embedsFodselsnummer } from './redaction.ts';
import { CornerstoneMemberRecord } from './schema.ts';
import { roleFromCornerstone, statusFromCornerstone } from './vocabulary.ts';

/** Cornerstone's keys to the canonical fields they carry, for the problems of a record that failed the schema. */
const cornerstoneFields: FieldNames = {
  memberId: 'externalId',
  mobile: 'phone',
  nationalIdentityNumber: 'personnummer',
  membershipStatus: 'status',
  unit: 'affiliation',
  lastModified: 'sourceUpdatedAt',
};

function quarantine(externalId: string | null, reason: string, problems: QuarantineProblemEntry[]): SourceRecord {
  return { ok: false, externalId, reason: redact(reason), problems };
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const described = issues.slice(0, 5).map((issue) => `${issue.path.map(String).join('.') || 'record'}: ${issue.message}`);
  return described.join('; ') + (issues.length > 5 ? ` (and ${issues.length - 5} more)` : '');
}

/** The member id of a record that failed the schema, when it has a usable one. */
function memberIdOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('memberId' in raw)) return null;
  const id = raw.memberId;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 && !embedsFodselsnummer(id) ? id : null;
}

function quoted(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * Norwegian numbers to E.164 (`+4791234567`) so the same phone compares equal across registries;
 * anything unrecognised is kept as given for an administrator to fix at the source.
 */
export function normalizePhone(value: string | null | undefined): string | null {
  const trimmed = blankToNull(value);
  if (trimmed === null) return null;
  const compact = trimmed.replace(/[\s().-]/g, '');
  if (/^[2-9]\d{7}$/.test(compact)) return `+47${compact}`;
  if (/^00\d{8,15}$/.test(compact)) return `+${compact.slice(2)}`;
  if (/^\+\d{8,15}$/.test(compact)) return compact;
  return trimmed;
}

/** A fødselsnummer is sometimes written with a space or dash between the date and the rest. */
function hasValidFodselsnummer(value: string | null | undefined): boolean {
  const compact = value?.replace(/[\s-]/g, '') ?? '';
  return compact !== '' && isValidFodselsnummer(compact);
}

function mapRoles(roles: CornerstoneMemberRecord['roles']): MemberRole[] {
  const mapped = new Set<MemberRole>();
  // Unknown role codes are dropped on purpose: Cornerstone has local roles we do not sync.
  for (const role of roles ?? []) {
    const known = roleFromCornerstone.get(role.code.trim().toUpperCase());
    if (known !== undefined) mapped.add(known);
  }
  return [...mapped];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptionalText = (value: unknown): value is string | null | undefined => value === undefined || value === null || typeof value === 'string';

/**
 * The wire record as the schema would pass it, checked by hand: every page of every sync reads
 * a thousand of them, and zod costs several microseconds each. The test is the schema's own,
 * field for field; any record it does not pass goes through zod, which then names the issues.
 */
function plainWireRecord(raw: unknown): CornerstoneMemberRecord | null {
  if (!isObject(raw)) return null;
  const { memberId, firstName, lastName, email, mobile, birthDate, nationalIdentityNumber, membershipStatus, roles, unit, lastModified } = raw;
  if (typeof memberId !== 'string' || memberId.length < 1 || memberId.length > 100) return null;
  if (typeof firstName !== 'string' || typeof lastName !== 'string' || typeof membershipStatus !== 'string' || typeof lastModified !== 'string') {
    return null;
  }
  if (!isOptionalText(email) || !isOptionalText(mobile) || !isOptionalText(birthDate) || !isOptionalText(nationalIdentityNumber)) return null;
  if (roles !== undefined && roles !== null) {
    if (!Array.isArray(roles)) return null;
    for (const role of roles as unknown[]) if (!isObject(role) || typeof role.code !== 'string' || !isOptionalText(role.name)) return null;
  }
  if (unit !== undefined && unit !== null && (!isObject(unit) || typeof unit.unitId !== 'string' || typeof unit.unitName !== 'string')) return null;
  return raw as CornerstoneMemberRecord;
}

/**
 * One Cornerstone record to the canonical member, or a quarantined record with a reason. The
 * personnummer is reduced to `hasPersonnummer` here and goes no further.
 */
export function mapCornerstoneRecord(raw: unknown): SourceRecord {
  const plain = plainWireRecord(raw);
  const parsed = plain ? { success: true as const, data: plain } : CornerstoneMemberRecord.safeParse(raw);
  if (!parsed.success) {
    return quarantine(
      memberIdOf(raw),
      `Not a valid Cornerstone member record: ${describeIssues(parsed.error.issues)}`,
      problemsFromIssues(parsed.error.issues, raw, cornerstoneFields),
    );
  }
  const record = parsed.data;
  const externalId = record.memberId.trim();
  if (embedsFodselsnummer(externalId)) {
    return quarantine(null, 'The Cornerstone member id contains a personnummer, so the record was not imported', [
      { field: 'externalId', problem: 'personnummer_in_id' },
    ]);
  }

  const status = statusFromCornerstone.get(record.membershipStatus.trim());
  if (status === undefined) {
    return quarantine(externalId, `Unknown Cornerstone membership status ${quoted(record.membershipStatus)}`, [
      { field: 'status', problem: 'unknown_status' },
    ]);
  }

  const canonical = {
    externalId,
    firstName: record.firstName.trim(),
    lastName: record.lastName.trim(),
    email: blankToNull(record.email),
    phone: normalizePhone(record.mobile),
    birthDate: blankToNull(record.birthDate),
    status,
    roles: mapRoles(record.roles),
    affiliation: record.unit ? { unitId: record.unit.unitId.trim(), unitName: record.unit.unitName.trim() } : null,
    hasPersonnummer: hasValidFodselsnummer(record.nationalIdentityNumber),
    sourceUpdatedAt: record.lastModified.trim(),
  };
  const candidate = passesCanonicalMember(canonical) ? { success: true as const, data: canonical } : CanonicalMember.safeParse(canonical);
  if (!candidate.success) {
    return quarantine(
      externalId,
      `Cornerstone record has invalid values: ${describeIssues(candidate.error.issues)}`,
      problemsFromIssues(candidate.error.issues, canonical),
    );
  }
  return { ok: true, member: candidate.data };
}
