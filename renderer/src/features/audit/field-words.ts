import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { MemberRole, MemberStatus } from '../../../../shared/domain/member.ts';
import { useFormat } from '../../i18n/format.ts';

/**
 * Every field a member change can name: the engine's comparison (reconcile.ts), a resolved
 * conflict's category value (category-values.ts), an absent member's removal, and the canonical
 * member's own names (shared/domain/member.ts).
 */
const FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'birthDate',
  'status',
  'roles',
  'affiliation',
  'personnummer',
  'hasPersonnummer',
  'removed',
  'externalId',
  'sourceUpdatedAt',
] as const;
type KnownField = (typeof FIELDS)[number];
const isKnownField = (field: string): field is KnownField => (FIELDS as readonly string[]).includes(field);

/** A value the words cannot say: shown as it was recorded, marked as code. */
export interface RawValue {
  raw: string;
}

/**
 * A field's name, and a value before or after a change, in words. Personnummer only ever as
 * "set" / "not set". A field name no word is known for is null, for the page to show as
 * "Other value" with the name as code.
 */
export function useFieldWords() {
  const { t } = useTranslation(['audit', 'common']);
  const format = useFormat();
  const fieldName = useCallback((field: string): string | null => (isKnownField(field) ? t(`common:memberFields.${field}`) : null), [t]);
  const value = useCallback(
    (field: string, raw: unknown): string | RawValue => {
      if (field === 'personnummer' || field === 'hasPersonnummer') {
        // The backend records only whether it is there; anything else is never shown.
        return raw === 'set' || raw === true ? t('values.set') : t('values.notSet');
      }
      if (raw === null || raw === undefined || raw === '') return t('values.empty');
      if (typeof raw === 'boolean') return raw ? t('values.yes') : t('values.no');
      if (field === 'status') {
        const status = MemberStatus.safeParse(raw);
        if (status.success) return t(`values.status.${status.data}`);
      }
      if (field === 'roles' && Array.isArray(raw)) {
        if (raw.length === 0) return t('values.empty');
        return raw
          .map((role: unknown) => {
            const parsed = MemberRole.safeParse(role);
            return parsed.success ? t(`values.roles.${parsed.data}`) : String(role);
          })
          .join(', ');
      }
      if (field === 'affiliation' && typeof raw === 'object') {
        const unit = raw as { unitName?: unknown; unitId?: unknown };
        return typeof unit.unitName === 'string' ? unit.unitName : typeof unit.unitId === 'string' ? unit.unitId : t('values.empty');
      }
      if (field === 'birthDate' && typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return format.date(`${raw}T12:00:00Z`);
      if (field === 'sourceUpdatedAt' && typeof raw === 'string' && !Number.isNaN(Date.parse(raw))) return format.dateTime(raw);
      if (typeof raw === 'string') return raw;
      if (typeof raw === 'number') return format.count(raw);
      if (Array.isArray(raw) && raw.every((item) => typeof item === 'string' || typeof item === 'number')) {
        return raw.length === 0 ? t('values.empty') : raw.join(', ');
      }
      return { raw: JSON.stringify(raw) };
    },
    [t, format],
  );
  return { fieldName, value };
}
