import { useCallback, useId, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { EnrichmentOverview } from '../../../../shared/contract/enrichment.ts';
import { operationQuery } from '../../api/queries.ts';
import { useAdmin } from '../../stores/session.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { FilterSelect } from '../../ui/FilterSelect.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { EnrichmentFigures } from './EnrichmentFigures.tsx';
import { EventListSection } from './EventListSection.tsx';
import { OrganizationEnrichment } from './OrganizationEnrichment.tsx';
import { useEnrichmentOverview } from './queries.ts';

const route = getRouteApi('/enrichment');

/**
 * Vipps personnummer enrichment for the organizations the admin sees (row-level security
 * decides which): a global admin gets every organization and their total, an organization's
 * admin their own. Then what could not be written, and the birth dates to check.
 */
export function EnrichmentPage() {
  const { t } = useTranslation(['enrichment', 'common']);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const admin = useAdmin();
  const organizations = useQuery(operationQuery('organizations.list', {}));
  const overview = useEnrichmentOverview(search.orgId);
  const shown = useMemo(() => overview.data?.organizations ?? [], [overview.data]);
  const showFilter = (admin?.isGlobal ?? false) || (organizations.data?.length ?? 0) > 1;
  const manyShown = shown.length > 1;
  const names = useMemo(() => new Map(shown.map((org) => [org.orgId, org.orgName])), [shown]);
  const orgNameOf = useCallback((orgId: string) => (manyShown ? (names.get(orgId) ?? null) : null), [manyShown, names]);
  const anyStarted = shown.some((org) => org.settings.activatedAt !== null);

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="page-intro">{t('intro')}</p>
      {showFilter ? (
        <form className="filters" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
          <FilterSelect
            label={t('filters.organization')}
            allLabel={t('filters.allOrganizations')}
            value={search.orgId}
            options={(organizations.data ?? []).map((org) => ({ value: org.id, label: org.name }))}
            onChange={(orgId) => void navigate({ search: (prev) => ({ ...prev, orgId }) })}
          />
        </form>
      ) : null}

      {overview.isPending ? <p>{t('common:app.loading')}</p> : null}
      {overview.isSuccess && shown.length === 0 ? <EmptyState title={t('empty')} /> : null}
      {overview.data?.total ? <TotalEnrichment total={overview.data.total} /> : null}
      {shown.map((org) => (
        <OrganizationEnrichment key={org.orgId} org={org} />
      ))}
      {anyStarted ? (
        <>
          <EventListSection list="failures" orgId={search.orgId} orgNameOf={orgNameOf} />
          <EventListSection list="reviews" orgId={search.orgId} orgNameOf={orgNameOf} />
        </>
      ) : null}
    </>
  );
}

/** A global admin's view over every organization, first on the screen. */
function TotalEnrichment({ total }: { total: NonNullable<EnrichmentOverview['total']> }) {
  const { t } = useTranslation('enrichment');
  const headingId = useId();
  return (
    <section className="panel enrichment-total" aria-labelledby={headingId} data-testid="enrichment-total">
      <h2 id={headingId}>{t('total.title')}</h2>
      <p className="muted">{t('total.intro')}</p>
      <EnrichmentFigures figures={total} name={t('total.name')} />
    </section>
  );
}
