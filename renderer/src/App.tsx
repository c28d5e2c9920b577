import { useEffect } from 'react';
import { useSession, useSessionStore } from './stores/session.ts';
import { IdentitySwitcher } from './features/session/IdentitySwitcher.tsx';
import { OrganizationList } from './features/organizations/OrganizationList.tsx';
import { HealthBoard } from './features/health/HealthBoard.tsx';
import { Notices } from './Notices.tsx';

export function App() {
  const session = useSession();
  const load = useSessionStore((state) => state.load);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="app">
      <header className="topbar">
        <h1>Member Sync Console</h1>
        {session?.mode === 'embedded-demo' ? <span className="mode-badge">Embedded demo</span> : null}
        <IdentitySwitcher />
      </header>
      <Notices />
      {session?.admin ? (
        <main className="layout">
          <OrganizationList />
          <HealthBoard />
        </main>
      ) : (
        <main className="layout">
          <p>Signing in…</p>
        </main>
      )}
    </div>
  );
}
