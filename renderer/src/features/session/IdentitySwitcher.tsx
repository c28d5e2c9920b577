import { useSession, useSessionStore } from '../../stores/session.ts';

/** Demo mode only: act as another seeded admin to see row-level scoping at work. */
export function IdentitySwitcher() {
  const session = useSession();
  const actAs = useSessionStore((state) => state.actAs);
  if (!session || session.mode !== 'embedded-demo' || !session.admin) return null;
  return (
    <label className="identity-switcher">
      <span>Acting as</span>
      <select aria-label="Acting as" value={session.admin.userId} onChange={(event) => void actAs(event.target.value)}>
        {session.demoIdentities.map((admin) => (
          <option key={admin.userId} value={admin.userId}>
            {admin.displayName} ({admin.isGlobal ? 'global admin' : 'organization admin'})
          </option>
        ))}
      </select>
    </label>
  );
}
