import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { MemberRole, MemberStatus } from '../../../../shared/domain/member.ts';
import { useFormat } from '../../i18n/format.ts';

const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'birthDate', 'status', 'roles', 'affiliation', 'personnummer', 'removed'] as const;
type KnownField = (typeof FIELDS)[number];
const isKnownField = (field: string): field is KnownField => (FIELDS as readonly string[]).includes(field);

/** A field's name, and a value before or after a change, in words. Personnummer only ever as "set" / "not set". */
export function useFieldWords() {
  const { t } = useTranslation('audit');
  const format = useFormat();
  const fieldName = useCallback((field: string) => (isKnownField(field) ? t(`fields.${field}`) : field), [t]);
  const value = useCallback(
    (field: string, raw: unknown): string => {
      if (field === 'personnummer') {
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
      if (typeof raw === 'string') return raw;
      if (typeof raw === 'number') return format.count(raw);
      return JSON.stringify(raw);
    },
    [t, format],
  );
  return { fieldName, value };
}
