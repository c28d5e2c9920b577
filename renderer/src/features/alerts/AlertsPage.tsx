import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { operationQuery } from '../../api/queries.ts';
import { useRegistryLabel } from '../../i18n/names.ts';
import { useAdmin } from '../../stores/session.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FormField } from '../../ui/FormField.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useRegistryNames } from '../runs/use-registry-names.ts';
import { AlertItem } from './AlertItem.tsx';
import { useAlerts } from './queries.ts';

const route = getRouteApi('/alerts');

/** Alerts of the organizations the admin sees, open ones by default; the filters live in the URL. */
export function AlertsPage() {
  const { t } = useTranslation(['alerts', 'common']);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const admin = useAdmin();
  const status = search.status ?? 'open';
  const organizations = useQuery(operationQuery('organizations.list', {}));
  const integrations = useQuery(operationQuery('health.list', {}));
  const registryName = useRegistryNames();
  const registryLabel = useRegistryLabel();
  const alerts = useAlerts({ orgId: search.orgId, integrationId: search.integrationId, status });
  const items = useMemo(() => alerts.data?.pages.flatMap((page) => page.items) ?? [], [alerts.data]);
  const showOrganizations = (admin?.isGlobal ?? false) || (organizations.data?.length ?? 0) > 1;
  const registryOptions = useMemo(
    () => (integrations.data ?? []).filter((integration) => !search.orgId || integration.orgId === search.orgId),
    [integrations.data, search.orgId],
  );
  // Choosing another organization drops a registry filter that is not one of its registries.
  const chooseOrganization = (orgId: string | undefined) =>
    void navigate({
      search: (prev) => {
        const integration = integrations.data?.find((candidate) => candidate.integrationId === prev.integrationId);
        const keepRegistry = !orgId || integration === undefined || integration.orgId === orgId;
        return { ...prev, orgId, integrationId: keepRegistry ? prev.integrationId : undefined };
      },
    });

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="page-intro">{t('intro')}</p>
      <form className="filters" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
        {showOrganizations ? (
          <FilterSelect
            label={t('filters.organization')}
            allLabel={t('filters.allOrganizations')}
            value={search.orgId}
            options={(organizations.data ?? []).map((organization) => ({ value: organization.id, label: organization.name }))}
            onChange={chooseOrganization}
          />
        ) : null}
        {registryOptions.length > 1 || search.integrationId ? (
          <FilterSelect
            label={t('filters.registry')}
            allLabel={t('filters.allRegistries')}
            value={search.integrationId}
            options={registryOptions.map((integration) => ({ value: integration.integrationId, label: registryLabel(integration) }))}
            onChange={(integrationId) => void navigate({ search: (prev) => ({ ...prev, integrationId }) })}
          />
        ) : null}
        <FormField label={t('filters.status')}>
          {(control) => (
            <select
              {...control}
              value={status}
              onChange={(event) => void navigate({ search: (prev) => ({ ...prev, status: event.target.value === 'all' ? 'all' : undefined }) })}
            >
              <option value="open">{t('filters.open')}</option>
              <option value="all">{t('filters.all')}</option>
            </select>
          )}
        </FormField>
      </form>

      {alerts.isPending ? <p>{t('common:app.loading')}</p> : null}
      {alerts.isSuccess && items.length === 0 ? <EmptyState title={status === 'open' ? t('empty.open') : t('empty.all')} /> : null}
      {items.length > 0 ? (
        <ul className="alert-list" aria-label={t('listLabel')}>
          {items.map((alert) => (
            <AlertItem key={alert.id} alert={alert} registryName={registryName(alert.integrationId)} />
          ))}
        </ul>
      ) : null}
      <LoadMore query={alerts} />
    </>
  );
}
