import { useTranslation } from 'react-i18next';
import type { ConflictValue } from '../../../../shared/contract/conflicts.ts';
import { memberRoles, type MemberRole } from '../../../../shared/domain/member.ts';

// Roles in one fixed order (member first), so the two sides read alike whatever order each holds them in.
const byRank = (a: MemberRole, b: MemberRole) => memberRoles.indexOf(a) - memberRoles.indexOf(b);

/**
 * One side of a conflict in words: a status word, role names, email and phone, or the local
 * branch. `short` names only the contact details that differ from `other`, for a table row.
 */
export function ConflictValueText({ value, other, short = false }: { value: ConflictValue; other?: ConflictValue; short?: boolean }) {
  const { t } = useTranslation('conflicts');
  if ('status' in value) return <>{t(`memberStatus.${value.status}`)}</>;
  if ('roles' in value) {
    return (
      <>
        {value.roles.length === 0
          ? t('value.noRoles')
          : [...value.roles]
              .sort(byRank)
              .map((role) => t(`role.${role}`))
              .join(', ')}
      </>
    );
  }
  if ('affiliation' in value) return <>{value.affiliation ? value.affiliation.unitName : t('value.noBranch')}</>;
  const otherContact = other && 'email' in other ? other : null;
  const fields = (['email', 'phone'] as const).filter((field) => !short || !otherContact || otherContact[field] !== value[field]);
  const shown = fields.length > 0 ? fields : (['email', 'phone'] as const);
  return (
    <span className="contact-value">
      {shown.map((field) => (
        <span key={field} className="contact-line">
          {t(`value.${field}`, { value: value[field] ?? t('value.none') })}
        </span>
      ))}
    </span>
  );
}
