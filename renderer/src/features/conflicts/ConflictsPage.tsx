import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { ConflictView } from '../../../../shared/contract/conflicts.ts';
import { dataCategories } from '../../../../shared/domain/member.ts';
import { operationQuery } from '../../api/queries.ts';
import { useFormat } from '../../i18n/format.ts';
import { useRegistryLabel } from '../../i18n/names.ts';
import { useAdmin } from '../../stores/session.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FormField } from '../../ui/FormField.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { ConflictOutcome } from './ConflictOutcome.tsx';
import { ConflictValueText } from './ConflictValueText.tsx';
import { useConflictList } from './queries.ts';
import { ConflictsSearch } from './search.ts';

const route = getRouteApi('/conflicts');
const statuses = ['pending', 'resolved', 'all'] as const;

/** The review queue: conflicts a rule left to a person, and (by the status filter) the ones already settled. */
export function ConflictsPage() {
  const { t } = useTranslation(['conflicts', 'common']);
  const format = useFormat();
  const admin = useAdmin();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const status = search.status ?? 'pending';
  const conflicts = useConflictList(search);
  const organizations = useQuery(operationQuery('organizations.list', {}));
  const integrations = useQuery(operationQuery('health.list', {}));
  const registryLabel = useRegistryLabel();

  const setFilter = (patch: Partial<ConflictsSearch>) => {
    void navigate({ search: (prev) => ConflictsSearch.parse({ ...prev, ...patch }) });
  };

  const orgName = (orgId: string) => organizations.data?.find((organization) => organization.id === orgId)?.name ?? '';
  const registryOptions = useMemo(
    () => (integrations.data ?? []).filter((integration) => !search.orgId || integration.orgId === search.orgId),
    [integrations.data, search.orgId],
  );
  // The organization whose rules to offer: the one filtered on, or an org admin's only one.
  const rulesOrgId = search.orgId ?? (admin && !admin.isGlobal && admin.orgIds.length === 1 ? admin.orgIds[0] : undefined);

  const rows = conflicts.data?.pages.flatMap((page) => page.items) ?? [];
  const columns: Array<Column<ConflictView>> = [
    {
      id: 'member',
      header: t('columns.member'),
      cell: (conflict) => (
        <Link to="/conflicts/$conflictId" params={{ conflictId: conflict.id }}>
          {conflict.memberName ?? t('unknownMember', { externalId: conflict.externalId })}
        </Link>
      ),
    },
    { id: 'category', header: t('columns.category'), cell: (conflict) => t(`category.${conflict.category}`) },
    {
      id: 'app',
      header: t('columns.app'),
      cell: (conflict) => <ConflictValueText value={conflict.appValue} other={conflict.externalValue} short />,
    },
    {
      id: 'registry',
      header: t('columns.registry'),
      cell: (conflict) => <ConflictValueText value={conflict.externalValue} other={conflict.appValue} short />,
    },
    {
      id: 'detected',
      header: t('columns.detected'),
      cell: (conflict) => <time dateTime={conflict.detectedAt}>{format.dateTime(conflict.detectedAt)}</time>,
    },
    status === 'pending'
      ? { id: 'proposal', header: t('columns.proposal'), cell: (conflict) => t(`proposal.${conflict.proposedWinner}`) }
      : { id: 'outcome', header: t('columns.outcome'), cell: (conflict) => <ConflictOutcome conflict={conflict} /> },
  ];

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="page-intro">{t('intro')}</p>
      {rulesOrgId ? (
        <p>
          <Link to="/organizations/$orgId/rules" params={{ orgId: rulesOrgId }}>
            {t('rulesLink', { name: orgName(rulesOrgId) })}
          </Link>
        </p>
      ) : null}

      <form className="filters" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
        <FormField label={t('filters.status')}>
          {(control) => (
            <select {...control} value={status} onChange={(event) => setFilter({ status: event.target.value as ConflictsSearch['status'] })}>
              {statuses.map((option) => (
                <option key={option} value={option}>
                  {t(`filters.statusOptions.${option}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label={t('filters.category')}>
          {(control) => (
            <select
              {...control}
              value={search.category ?? ''}
              onChange={(event) => setFilter({ category: (event.target.value || undefined) as ConflictsSearch['category'] })}
            >
              <option value="">{t('filters.allCategories')}</option>
              {dataCategories.map((category) => (
                <option key={category} value={category}>
                  {t(`category.${category}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {admin?.isGlobal ? (
          <FilterSelect
            label={t('filters.organization')}
            allLabel={t('filters.allOrganizations')}
            value={search.orgId}
            options={(organizations.data ?? []).map((organization) => ({ value: organization.id, label: organization.name }))}
            onChange={(orgId) => setFilter({ orgId, integrationId: undefined })}
          />
        ) : null}
        {registryOptions.length > 1 || search.integrationId ? (
          <FilterSelect
            label={t('filters.registry')}
            allLabel={t('filters.allRegistries')}
            value={search.integrationId}
            options={registryOptions.map((integration) => ({ value: integration.integrationId, label: registryLabel(integration) }))}
            onChange={(integrationId) => setFilter({ integrationId })}
          />
        ) : null}
      </form>

      {conflicts.isPending ? <p>{t('common:app.loading')}</p> : null}
      {conflicts.isSuccess && rows.length === 0 ? <EmptyState title={t(`empty.${status}`)} /> : null}
      {rows.length > 0 ? (
        <DataTable
          caption={t(`caption.${status}`)}
          columns={columns}
          rows={rows}
          rowKey={(conflict) => conflict.id}
          rowProps={(conflict) => ({ 'data-conflict-id': conflict.id, 'data-status': conflict.status, 'data-category': conflict.category })}
        />
      ) : null}
      <LoadMore query={conflicts} />
    </>
  );
}
