import { useMemo } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { AuditEventsTable } from './AuditEventsTable.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { ExportCsv } from './ExportCsv.tsx';
import { listFilterOf, useAuditList, useAuditNames } from './queries.ts';
import type { AuditSearch } from './search.ts';

const route = getRouteApi('/audit');

const filterCount = (search: AuditSearch) =>
  [search.from, search.to, search.orgId, search.integrationId, search.actor, search.types?.length ? search.types : undefined].filter(
    (value) => value !== undefined,
  ).length;

/** The audit trail, newest first, filtered by what the URL holds. */
export function AuditPage() {
  const { t } = useTranslation('audit');
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const filter = useMemo(() => listFilterOf(search), [search]);
  const list = useAuditList(filter);
  const { names, organizations, integrations } = useAuditNames();
  const events = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const filters = filterCount(search);

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="page-intro">{t('intro')}</p>
      <AuditFilters search={search} onApply={(next) => void navigate({ search: next })} organizations={organizations} integrations={integrations} />
      <ExportCsv filter={filter} names={names} from={search.from} to={search.to} />
      {filters > 0 ? (
        <p className="muted" data-testid="active-filters">
          {t('filters.active', { count: filters })}
        </p>
      ) : null}
      {list.isPending ? <p>{t('detail.loading')}</p> : null}
      {list.isSuccess && events.length === 0 ? <EmptyState title={filters > 0 ? t('empty') : t('emptyNone')} /> : null}
      {events.length > 0 ? <AuditEventsTable events={events} search={search} names={names} /> : null}
      <LoadMore query={list} />
    </>
  );
}
