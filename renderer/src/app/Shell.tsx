import { useEffect, useRef } from 'react';
import { Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ConsoleStatus } from '../../../shared/contract/console.ts';
import { useSession, useSessionStore } from '../stores/session.ts';
import { IdentitySwitcher } from '../features/session/IdentitySwitcher.tsx';
import { LanguageSwitch } from '../features/session/LanguageSwitch.tsx';
import { ConnectionChoice } from '../features/connection/ConnectionChoice.tsx';
import { SignIn } from '../features/connection/SignIn.tsx';
import { ProjectBadge } from '../features/connection/ProjectBadge.tsx';
import { StatusBanners } from '../features/connection/StatusBanners.tsx';
import { LeaveDemo } from '../features/connection/LeaveDemo.tsx';
import { ManagedProblem } from '../features/connection/ManagedProblem.tsx';
import { useConsoleStatus } from '../features/connection/queries.ts';
import { LiveRegion } from '../ui/LiveRegion.tsx';
import { Nav } from './Nav.tsx';
import { Notices } from './Notices.tsx';

/**
 * The frame around every screen: the header, the navigation, notices and the live region. Until
 * the console works somewhere and an admin is signed in, the frame holds the first-start choice
 * or the sign-in instead of the screens.
 */
export function Shell() {
  const status = useConsoleStatus();
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  const current = status.data;
  const ready =
    current !== undefined && (current.connection === 'demo' || (current.connection === 'supabase' && current.project?.signedInAs != null));

  return (
    <div className="app">
      {/* The router owns the address after '#': following the link itself would leave the screen. */}
      <a
        className="skip-link"
        href="#main-content"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <span className="app-title">{t('app.title')}</span>
        {current?.connection === 'demo' ? (
          <>
            <span className="mode-badge" title={t('app.demoBadgeHint')}>
              {t('app.demoBadge')}
            </span>
            {current.managed ? null : <LeaveDemo />}
          </>
        ) : null}
        {current?.project ? <ProjectBadge project={current.project} /> : null}
        <div className="topbar-controls">
          <LanguageSwitch />
          {ready ? <IdentitySwitcher /> : null}
        </div>
      </header>
      {current ? <StatusBanners status={current} /> : null}
      {ready ? (
        <SignedIn status={current} main={main} />
      ) : (
        <>
          <Notices />
          <main ref={main} id="main-content" tabIndex={-1} className="page">
            <BeforeSignIn status={current} />
          </main>
        </>
      )}
      <LiveRegion />
    </div>
  );
}

function BeforeSignIn({ status }: { status: ConsoleStatus | undefined }) {
  const { t } = useTranslation('connection');
  if (!status) return <p>{t('starting')}</p>;
  if (status.managedProblem) return <ManagedProblem problem={status.managedProblem} />;
  if (status.connection === 'none') return <ConnectionChoice />;
  if (status.project) return <SignIn project={status.project} managed={status.managed} />;
  return <p>{t('starting')}</p>;
}

/** The screens, as the signed-in admin: the session is read again whenever who is signed in changes. */
function SignedIn({ status, main }: { status: ConsoleStatus; main: React.RefObject<HTMLElement | null> }) {
  const session = useSession();
  const load = useSessionStore((state) => state.load);
  const { t } = useTranslation();
  const who = status.project?.signedInAs ?? 'demo';
  // Back online, the session is read again: offline it was pieced together from the summary.
  const online = !status.project?.offline;

  useEffect(() => {
    void load();
    // Signed out or switched: nothing of this admin's session may be shown to the next one.
    return () => useSessionStore.setState({ session: null });
  }, [load, who, online]);

  return (
    <>
      {session?.admin ? <Nav /> : null}
      <Notices />
      <main
        ref={main}
        id="main-content"
        tabIndex={-1}
        className="page"
        key={session?.admin?.userId ?? 'none'}
        data-admin={session?.admin?.userId ?? ''}
      >
        {session?.admin ? <Outlet /> : <p>{session ? t('app.notAnAdmin') : t('app.signingIn')}</p>}
      </main>
    </>
  );
}
