import { dataCategories, type CanonicalMember, type DataCategory, type MemberStatus } from '../../shared/domain/member.ts';
import { settledSide, type ConflictRule, type ConflictRuleSet } from '../../shared/domain/conflict-rules.ts';
import { patchForCategory, type MemberPatch } from '../../shared/domain/member-patch.ts';
import { categoryValue, normalizeCategoryValue, sameValue, takeCategory, type CategoryValue } from './category-values.ts';
import type { AppChanges, MemberFields, StoredMember } from './member-state.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ConflictDecision {
  category: DataCategory;
  appValue: CategoryValue;
  externalValue: CategoryValue;
  appChangedAt: string;
  externalChangedAt: string;
  rule: ConflictRule;
  /** The side the rule chose, or for manual review the side that changed last. */
  proposedWinner: 'app' | 'external';
  /** Null while it waits in the review queue. */
  decidedWinner: 'app' | 'external' | null;
}

export type MemberDecision =
  | { kind: 'create'; member: CanonicalMember }
  | { kind: 'unchanged' }
  | {
      kind: 'update';
      /** The member's fields after reconciliation: the registry's, except where the app's value stands. */
      next: MemberFields;
      appChanges: AppChanges;
      fieldChanges: FieldChange[];
      conflicts: ConflictDecision[];
      /** App values that won a conflict and must be written to the registry. */
      sourceWrites: Array<{ category: DataCategory; patch: MemberPatch }>;
      /** Active or pending before, lapsed, resigned or deceased after: the safety guard counts these. */
      deactivation: boolean;
      /** Back in the registry after a full sync found it missing. */
      returned: boolean;
    };

const activeStatuses: ReadonlySet<MemberStatus> = new Set(['active', 'pending']);

export function isDeactivation(before: MemberStatus, after: MemberStatus): boolean {
  return activeStatuses.has(before) && !activeStatuses.has(after);
}

function isEmpty(changes: AppChanges): boolean {
  for (const _category in changes) return false;
  return true;
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  if (a.every((role, index) => role === b[index])) return true;
  const sorted = [...b].sort();
  return [...a].sort().every((role, index) => role === sorted[index]);
}

/** Field-for-field equality without building anything: the common case must be cheap. */
function sameFields(a: MemberFields, b: MemberFields): boolean {
  return (
    a.firstName === b.firstName &&
    a.lastName === b.lastName &&
    a.email === b.email &&
    a.phone === b.phone &&
    a.birthDate === b.birthDate &&
    a.status === b.status &&
    a.hasPersonnummer === b.hasPersonnummer &&
    (a.affiliation === null
      ? b.affiliation === null
      : b.affiliation !== null && a.affiliation.unitId === b.affiliation.unitId && a.affiliation.unitName === b.affiliation.unitName) &&
    sameRoles(a.roles, b.roles)
  );
}

/** Personnummer is never recorded, only whether it is there. */
const personnummerState = (has: boolean) => (has ? 'set' : 'not set');

function fieldChanges(before: MemberFields, after: MemberFields): FieldChange[] {
  const changes: FieldChange[] = [];
  const compare = (field: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a, after: b });
  };
  compare('firstName', before.firstName, after.firstName);
  compare('lastName', before.lastName, after.lastName);
  compare('email', before.email, after.email);
  compare('phone', before.phone, after.phone);
  compare('birthDate', before.birthDate, after.birthDate);
  compare('status', before.status, after.status);
  compare('roles', [...before.roles].sort(), [...after.roles].sort());
  compare('affiliation', before.affiliation, after.affiliation);
  compare('personnummer', personnummerState(before.hasPersonnummer), personnummerState(after.hasPersonnummer));
  return changes;
}

function fieldsOf(member: MemberFields): MemberFields {
  return {
    firstName: member.firstName,
    lastName: member.lastName,
    email: member.email,
    phone: member.phone,
    birthDate: member.birthDate,
    status: member.status,
    roles: [...member.roles],
    affiliation: member.affiliation ? { ...member.affiliation } : null,
    hasPersonnummer: member.hasPersonnummer,
  };
}

/**
 * Decides what one registry record does to the app's member. Per data category:
 * - the app has not changed it: the registry's value is taken;
 * - only the app changed it (the registry still has the agreed value): the app's value stands;
 * - both changed it to the same value: agreed again;
 * - both changed it to different values: a conflict, settled by the category's rule or
 *   queued for review.
 * Fields outside the four categories (names, birth date, personnummer) belong to the registry.
 */
export function reconcileMember(incoming: CanonicalMember, stored: StoredMember | null, rules: ConflictRuleSet): MemberDecision {
  if (!stored) return { kind: 'create', member: incoming };
  // Most members of most syncs: nothing pending in the app and nothing changed in the registry.
  if (stored.absentSince === null && stored.removedAt === null && isEmpty(stored.appChanges) && sameFields(incoming, stored)) {
    return { kind: 'unchanged' };
  }
  const before = fieldsOf(stored);
  const next = fieldsOf(stored);
  next.firstName = incoming.firstName;
  next.lastName = incoming.lastName;
  next.birthDate = incoming.birthDate;
  next.hasPersonnummer = incoming.hasPersonnummer;
  const settled = new Set<DataCategory>();
  const conflicts: ConflictDecision[] = [];
  const sourceWrites: Array<{ category: DataCategory; patch: MemberPatch }> = [];

  for (const category of dataCategories) {
    const external = categoryValue(incoming, category);
    const app = categoryValue(stored, category);
    const pending = stored.appChanges[category];
    if (!pending) {
      if (!sameValue(external, app)) takeCategory(next, incoming, category);
      continue;
    }
    if (sameValue(external, app)) {
      settled.add(category);
      continue;
    }
    if (sameValue(external, normalizeCategoryValue(category, pending.before))) continue;
    const rule = rules[category];
    const appIsNewer = new Date(pending.at).getTime() > new Date(incoming.sourceUpdatedAt).getTime();
    const decidedWinner = settledSide(rule.resolution);
    conflicts.push({
      category,
      appValue: app,
      externalValue: external,
      appChangedAt: pending.at,
      externalChangedAt: incoming.sourceUpdatedAt,
      rule,
      proposedWinner: decidedWinner ?? (appIsNewer ? 'app' : 'external'),
      decidedWinner,
    });
    if (decidedWinner === 'external') {
      takeCategory(next, incoming, category);
      settled.add(category);
    } else if (decidedWinner === 'app') {
      // The app's edit stays pending until the registry has accepted it, so a sync that runs
      // before the write lands cannot take the registry's old value back.
      sourceWrites.push({ category, patch: patchForCategory({ ...incoming, ...next }, category) });
    }
  }

  const appChanges: AppChanges = Object.fromEntries(Object.entries(stored.appChanges).filter(([category]) => !settled.has(category as DataCategory)));
  const changes = fieldChanges(before, next);
  const returned = stored.absentSince !== null || stored.removedAt !== null;
  const appChangesMoved = JSON.stringify(appChanges) !== JSON.stringify(stored.appChanges);
  if (changes.length === 0 && conflicts.length === 0 && !returned && !appChangesMoved) return { kind: 'unchanged' };
  return {
    kind: 'update',
    next,
    appChanges,
    fieldChanges: changes,
    conflicts,
    sourceWrites,
    deactivation: isDeactivation(stored.status, next.status),
    returned,
  };
}
