import { useEffect, useRef } from 'react';
import { Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession, useSessionStore } from '../stores/session.ts';
import { IdentitySwitcher } from '../features/session/IdentitySwitcher.tsx';
import { LanguageSwitch } from '../features/session/LanguageSwitch.tsx';
import { LiveRegion } from '../ui/LiveRegion.tsx';
import { Nav } from './Nav.tsx';
import { Notices } from './Notices.tsx';

/** The frame around every screen: the header, the navigation, notices and the live region. */
export function Shell() {
  const session = useSession();
  const load = useSessionStore((state) => state.load);
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    void load();
  }, [load]);

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
        {session?.mode === 'embedded-demo' ? (
          <span className="mode-badge" title={t('app.demoBadgeHint')}>
            {t('app.demoBadge')}
          </span>
        ) : null}
        <div className="topbar-controls">
          <LanguageSwitch />
          <IdentitySwitcher />
        </div>
      </header>
      {session?.admin ? <Nav /> : null}
      <Notices />
      <main ref={main} id="main-content" tabIndex={-1} className="page" key={session?.admin?.userId ?? 'none'}>
        {session?.admin ? <Outlet /> : <p>{t('app.signingIn')}</p>}
      </main>
      <LiveRegion />
    </div>
  );
}
