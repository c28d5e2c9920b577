import { useId } from 'react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { IntegrationHealth } from '../../../../shared/contract/schemas.ts';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { IntegrationCard } from './IntegrationCard.tsx';

/**
 * An integration's errors: its open error alerts, and at least one while its last sync failed.
 * A single failed sync raises no alert yet (repeated failures do, after three), and the group's
 * count must not say "No errors" above a red card; a failure that has its alert counts once.
 */
function errorsOf(integration: IntegrationHealth): number {
  return Math.max(integration.openAlerts.errors, integration.health === 'failed' ? 1 : 0);
}

/** One organization on the board: its error count, its rules, and a card per registry. */
export function OrganizationGroup({
  orgId,
  orgName,
  integrations,
  nameOf,
}: {
  orgId: string;
  orgName: string;
  integrations: IntegrationHealth[];
  nameOf(integration: IntegrationHealth): string;
}) {
  const { t } = useTranslation('health');
  const headingId = useId();
  const errors = integrations.reduce((sum, integration) => sum + errorsOf(integration), 0);
  return (
    <section className="organization-group" aria-labelledby={headingId} data-testid="organization-group" data-org-id={orgId}>
      <header>
        <h2 id={headingId}>{orgName}</h2>
        <StatusBadge tone={errors > 0 ? 'error' : 'ok'} testId="organization-errors">
          {t('organizationErrors', { count: errors })}
        </StatusBadge>
        <Link to="/organizations/$orgId/rules" params={{ orgId }} className="group-link">
          {t('links.rules')}
        </Link>
      </header>
      {integrations.length === 0 ? <p className="muted">{t('noRegistry')}</p> : null}
      <div className="cards">
        {integrations.map((integration) => (
          <IntegrationCard key={integration.integrationId} integration={integration} name={nameOf(integration)} />
        ))}
      </div>
    </section>
  );
}
