import { isValidFodselsnummer } from '../../../shared/domain/fodselsnummer.ts';
import { boundProblems, type QuarantineProblemEntry } from '../../../shared/domain/quarantine.ts';
import { CanonicalMember, memberRoles, type MemberRole } from '../../../shared/domain/member.ts';
import { normalizePhone } from '../cornerstone/mapping.ts';
import type { SourceRecord } from '../member-source.ts';
import { problemsFromIssues, type FieldNames } from '../quarantine-problems.ts';
import { redact } from '../shared/redaction.ts';
import { describeIssues, joinProblems } from './issues.ts';
import { ConsioMemberRecord } from './schema.ts';
import { roleFromConsioFunction, statusFromConsio } from './vocabulary.ts';

/** Canonical field paths named as Consio names them, so an administrator can find the field there. */
const consioNames = {
  externalId: 'actNo',
  firstName: 'firstname',
  lastName: 'surname',
  email: 'emailAddress',
  phone: 'mobilePhone',
  birthDate: 'dateOfBirth',
  status: 'memberStatus',
  roles: 'functions',
  'affiliation.unitId': 'department.departmentNo',
  'affiliation.unitName': 'department.departmentName',
  affiliation: 'department',
  sourceUpdatedAt: 'changedTime',
} as const;

/** Consio's keys to the canonical fields they carry, for the problems of a record that failed the schema. */
const canonicalFields: FieldNames = {
  actNo: 'externalId',
  firstname: 'firstName',
  surname: 'lastName',
  emailAddress: 'email',
  mobilePhone: 'phone',
  dateOfBirth: 'birthDate',
  ssn: 'personnummer',
  memberStatus: 'status',
  functions: 'roles',
  department: 'affiliation',
  changedTime: 'sourceUpdatedAt',
};

// The wording is value-free already (see issues.ts); redact is a second guard behind it.
function quarantine(externalId: string | null, described: readonly string[], problems: QuarantineProblemEntry[]): SourceRecord {
  return { ok: false, externalId, reason: redact(`Consio record not imported: ${joinProblems(described)}`), problems };
}

/** Whether a member number is itself a valid fødselsnummer, as some registers once used them. */
function isFodselsnummer(id: string): boolean {
  return id.length === 11 && isValidFodselsnummer(id);
}

/** The actNo of a record that failed the schema, when it has a usable one. */
function actNoOf(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null || !('actNo' in raw)) return null;
  const { actNo } = raw;
  const id = typeof actNo === 'number' && Number.isSafeInteger(actNo) && actNo > 0 ? String(actNo) : null;
  return id === null || isFodselsnummer(id) ? null : id;
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** `dd.MM.yyyy` (one-digit day and month tolerated) to ISO `yyyy-MM-dd`; null when absent, 'invalid' when not a real date. */
function isoBirthDate(value: string | null | undefined): string | null | 'invalid' {
  const text = blankToNull(value);
  if (text === null) return null;
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (match === null) return 'invalid';
  const [, d = '', m = '', y = ''] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const real = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
  return real ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : 'invalid';
}

/** A fødselsnummer is sometimes written with a space or dash between the date and the rest. */
function hasValidFodselsnummer(value: string | null | undefined): boolean {
  const compact = value?.replace(/[\s-]/g, '') ?? '';
  return compact !== '' && isValidFodselsnummer(compact);
}

/**
 * Known functions in our role order, so the same roles hash the same however Consio orders them.
 * Unknown function ids are dropped on purpose: Consio has local functions we do not sync.
 */
function mapRoles(functions: ConsioMemberRecord['functions']): MemberRole[] {
  const held = new Set<MemberRole>();
  for (const fn of functions ?? []) {
    const role = roleFromConsioFunction.get(fn.functionId);
    if (role !== undefined) held.add(role);
  }
  return memberRoles.filter((role) => held.has(role));
}

/**
 * One Consio record to the canonical member, or a rejection naming every failing field. The
 * personnummer (`ssn`) is reduced to `hasPersonnummer` here and goes no further.
 */
export function mapConsioRecord(raw: unknown): SourceRecord {
  const parsed = ConsioMemberRecord.safeParse(raw);
  if (!parsed.success) {
    return quarantine(actNoOf(raw), describeIssues(parsed.error.issues), problemsFromIssues(parsed.error.issues, raw, canonicalFields));
  }

  const record = parsed.data;
  const externalId = String(record.actNo);
  if (isFodselsnummer(externalId)) {
    return quarantine(null, ['actNo: is a personnummer, which is never imported'], [{ field: 'externalId', problem: 'personnummer_in_id' }]);
  }

  const described: string[] = [];
  const problems: QuarantineProblemEntry[] = [];
  const status = statusFromConsio[record.memberStatus.trim().toUpperCase()];
  if (status === undefined) {
    described.push('memberStatus: not a status this integration knows');
    problems.push({ field: 'status', problem: 'unknown_status' });
  }
  const birthDate = isoBirthDate(record.dateOfBirth);
  if (birthDate === 'invalid') {
    described.push('dateOfBirth: not a real date in dd.MM.yyyy form');
    problems.push({ field: 'birthDate', problem: 'invalid' });
  }

  const canonical = {
    externalId,
    firstName: record.firstname.trim(),
    lastName: record.surname.trim(),
    email: blankToNull(record.emailAddress),
    phone: normalizePhone(record.mobilePhone),
    // Stand-ins for values already reported above, so the other fields are still checked.
    birthDate: birthDate === 'invalid' ? null : birthDate,
    status: status ?? 'active',
    roles: mapRoles(record.functions),
    affiliation: record.department ? { unitId: String(record.department.departmentNo), unitName: record.department.departmentName.trim() } : null,
    hasPersonnummer: hasValidFodselsnummer(record.ssn),
    sourceUpdatedAt: record.changedTime.trim(),
  };
  const candidate = CanonicalMember.safeParse(canonical);
  if (!candidate.success) {
    described.push(...describeIssues(candidate.error.issues, consioNames));
    problems.push(...problemsFromIssues(candidate.error.issues, canonical));
  }
  if (described.length > 0 || !candidate.success) return quarantine(externalId, described, boundProblems(problems));
  return { ok: true, member: candidate.data };
}
