import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IntegrationHealth } from '../../../../shared/contract/schemas.ts';
import { operationQuery } from '../../api/queries.ts';
import { useRegistryLabel } from '../../i18n/names.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { OrganizationGroup } from './OrganizationGroup.tsx';
import { useHealth } from './queries.ts';
import { useSyncMilestones } from './use-sync-milestones.ts';

interface Group {
  orgId: string;
  orgName: string;
  integrations: IntegrationHealth[];
}

/** The health board: every registry the admin may see, grouped by organization (row-level security decides which). */
export function HealthPage() {
  const { t } = useTranslation(['health', 'common']);
  const health = useHealth();
  // Organizations without a connected registry still appear, so a global admin sees every one.
  const organizations = useQuery(operationQuery('organizations.list', {}));
  const nameOf = useRegistryLabel();
  useSyncMilestones(health.data, nameOf);

  const groups = useMemo(() => {
    const byOrg = new Map<string, Group>();
    for (const organization of organizations.data ?? []) {
      byOrg.set(organization.id, { orgId: organization.id, orgName: organization.name, integrations: [] });
    }
    for (const integration of health.data ?? []) {
      const group = byOrg.get(integration.orgId) ?? { orgId: integration.orgId, orgName: integration.orgName, integrations: [] };
      group.integrations.push(integration);
      byOrg.set(integration.orgId, group);
    }
    return [...byOrg.values()].sort((a, b) => a.orgName.localeCompare(b.orgName, 'nb'));
  }, [health.data, organizations.data]);

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="page-intro">{t('intro')}</p>
      {health.isPending ? <p>{t('common:app.loading')}</p> : null}
      {health.isSuccess && organizations.isSuccess && groups.length === 0 ? <EmptyState title={t('empty')} /> : null}
      {groups.map((group) => (
        <OrganizationGroup key={group.orgId} {...group} nameOf={nameOf} />
      ))}
    </>
  );
}
