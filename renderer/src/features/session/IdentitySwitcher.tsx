import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession, useSessionStore } from '../../stores/session.ts';

/** Demo mode only: act as another seeded admin to see row-level scoping at work. */
export function IdentitySwitcher() {
  const session = useSession();
  const actAs = useSessionStore((state) => state.actAs);
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  if (!session || session.mode !== 'embedded-demo' || !session.admin) return null;

  // Everything cached was read as the previous admin; row-level security decides anew.
  const switchTo = (userId: string) => actAs(userId, () => queryClient.clear());

  return (
    <label className="identity-switcher">
      <span>{t('identity.label')}</span>
      <select value={session.admin.userId} onChange={(event) => void switchTo(event.target.value)}>
        {session.demoIdentities.map((admin) => (
          <option key={admin.userId} value={admin.userId}>
            {admin.displayName} ({admin.isGlobal ? t('identity.global') : t('identity.org')})
          </option>
        ))}
      </select>
    </label>
  );
}
