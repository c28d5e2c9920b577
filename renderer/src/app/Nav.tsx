import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useHealth } from '../features/health/queries.ts';
import { useAdmin } from '../stores/session.ts';

export function Nav() {
  const { t } = useTranslation();
  const admin = useAdmin();
  // The board's own read (shared from the cache), so the badge costs no query of its own and
  // counts every unacknowledged open alert, however many.
  const health = useHealth();
  const openAlerts = health.data?.reduce((sum, integration) => sum + integration.openAlerts.unacknowledged, 0) ?? 0;
  return (
    <nav aria-label={t('nav.label')} className="main-nav">
      <ul>
        <li>
          <Link to="/" activeOptions={{ exact: true, includeSearch: false }}>
            {t('nav.health')}
          </Link>
        </li>
        <li>
          <Link to="/conflicts" activeOptions={{ includeSearch: false }}>
            {t('nav.conflicts')}
          </Link>
        </li>
        <li>
          <Link to="/audit" activeOptions={{ includeSearch: false }}>
            {t('nav.audit')}
          </Link>
        </li>
        <li>
          <Link to="/alerts" activeOptions={{ includeSearch: false }}>
            {t('nav.alerts')}
            {openAlerts > 0 ? (
              <span className="nav-badge" data-testid="alert-badge">
                <span aria-hidden="true">{openAlerts}</span>
                <span className="visually-hidden">{t('nav.alertsCount', { count: openAlerts })}</span>
              </span>
            ) : null}
          </Link>
        </li>
        <li>
          <Link to="/enrichment" activeOptions={{ includeSearch: false }}>
            {t('nav.enrichment')}
          </Link>
        </li>
        {admin?.isGlobal ? (
          <li>
            <Link to="/onboarding">{t('nav.onboarding')}</Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
