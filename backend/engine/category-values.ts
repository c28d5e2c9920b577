import type { DataCategory } from '../../shared/domain/member.ts';
import type { MemberFields } from './member-state.ts';

export type CategoryValue = Record<string, unknown>;

/**
 * Registries and the app format the same contact details differently ("+47 412 34 567",
 * "+4741234567", "Kari@Example.org"); those are the same value, not a change or a conflict.
 */
const samePhone = (phone: unknown) => (typeof phone === 'string' ? phone.replace(/[\s().-]/g, '') : null);
const sameEmail = (email: unknown) => (typeof email === 'string' ? email.trim().toLowerCase() : null);

/**
 * A category's value in one normal form, so values from a registry record, a stored member
 * and the app-change baseline (written by SQL) compare equal when they mean the same.
 */
export function categoryValue(member: MemberFields, category: DataCategory): CategoryValue {
  switch (category) {
    case 'membership_status':
      return { status: member.status };
    case 'roles':
      return { roles: [...member.roles].sort() };
    case 'contact_details':
      return { email: member.email, phone: member.phone };
    case 'affiliation':
      return { affiliation: member.affiliation ? { unitId: member.affiliation.unitId, unitName: member.affiliation.unitName } : null };
  }
}

/** Brings a baseline stored by the database trigger into the same normal form. */
export function normalizeCategoryValue(category: DataCategory, value: CategoryValue): CategoryValue {
  switch (category) {
    case 'membership_status':
      return { status: value.status ?? null };
    case 'roles':
      return { roles: Array.isArray(value.roles) ? [...(value.roles as string[])].sort() : [] };
    case 'contact_details':
      return { email: value.email ?? null, phone: value.phone ?? null };
    case 'affiliation': {
      const affiliation = value.affiliation as { unitId?: unknown; unitName?: unknown } | null | undefined;
      return { affiliation: affiliation ? { unitId: affiliation.unitId, unitName: affiliation.unitName } : null };
    }
  }
}

function comparable(value: CategoryValue): CategoryValue {
  if (!('email' in value) && !('phone' in value)) return value;
  return { ...value, email: sameEmail(value.email), phone: samePhone(value.phone) };
}

export function sameValue(a: CategoryValue, b: CategoryValue): boolean {
  return JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
}

/** Copies one category's fields from `source` onto `target`. */
export function takeCategory(target: MemberFields, source: MemberFields, category: DataCategory): void {
  switch (category) {
    case 'membership_status':
      target.status = source.status;
      return;
    case 'roles':
      target.roles = [...source.roles];
      return;
    case 'contact_details':
      target.email = source.email;
      target.phone = source.phone;
      return;
    case 'affiliation':
      target.affiliation = source.affiliation;
      return;
  }
}
