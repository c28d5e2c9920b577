import { useCallback, useMemo } from 'react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditListInput } from '../../../../shared/contract/audit.ts';
import type { z } from 'zod';
import { operationInfiniteQuery, operationPagesQuery, operationQuery } from '../../api/queries.ts';
import { NOT_FOUND_CODES } from '../../app/shown-in-place.ts';
import { osloDayRange } from './oslo-days.ts';
import { actorFilterOf, type AuditSearch } from './search.ts';
import type { AuditNames } from './audit-export.ts';

/** What `audit.list` is asked for, without the page: the URL's filters, days turned into instants. */
export type AuditListFilter = Omit<z.input<typeof AuditListInput>, 'cursor' | 'limit'>;

export function listFilterOf(search: AuditSearch): AuditListFilter {
  // A hand-edited URL whose end is before its start keeps only the start; the form says what is wrong.
  const to = search.from && search.to && search.to < search.from ? undefined : search.to;
  const actor = actorFilterOf(search.actor);
  return {
    ...(search.orgId ? { orgId: search.orgId } : {}),
    ...(search.integrationId ? { integrationId: search.integrationId } : {}),
    ...(search.types && search.types.length > 0 ? { types: search.types } : {}),
    ...(actor ? { actor } : {}),
    ...osloDayRange(search.from, to),
  };
}

const LIST_PAGE_SIZE = 25;

export function useAuditList(filter: AuditListFilter) {
  return useInfiniteQuery(operationInfiniteQuery('audit.list', { ...filter, limit: LIST_PAGE_SIZE }));
}

/** The admins in the trail the signed-in admin can read: the "Done by" choices. */
export function useAuditActors(orgId: string | undefined) {
  return useQuery(operationQuery('audit.actors', orgId ? { orgId } : {}));
}

const CHANGES_PAGE_SIZE = 50;

/** One event, its member changes a page at a time; an id the admin cannot open is shown in place. */
export function useAuditEvent(eventId: string) {
  return useInfiniteQuery({
    ...operationPagesQuery(
      'audit.get',
      { eventId, changesLimit: CHANGES_PAGE_SIZE },
      { cursorField: 'changesCursor', nextCursor: (page) => page.changes.nextCursor },
    ),
    meta: { shownInPlace: NOT_FOUND_CODES },
  });
}

/** Organizations and registries by id, for the list, the detail and the export. */
export function useAuditNames() {
  const { t } = useTranslation(['audit', 'common']);
  const organizations = useQuery(operationQuery('organizations.list', {}));
  const health = useQuery(operationQuery('health.list', {}));
  const registryName = useCallback((system: 'cornerstone' | 'consio') => t(`common:systems.${system}`), [t]);
  return useMemo(() => {
    const orgs = new Map((organizations.data ?? []).map((organization) => [organization.id, organization.name]));
    const integrations = new Map((health.data ?? []).map((integration) => [integration.integrationId, integration]));
    const names: AuditNames = {
      organization: (orgId) => orgs.get(orgId) ?? '',
      integration: (integrationId) => {
        if (integrationId === null) return '';
        const integration = integrations.get(integrationId);
        return integration ? registryName(integration.system) : '';
      },
    };
    return { names, organizations: organizations.data ?? [], integrations: health.data ?? [] };
  }, [organizations.data, health.data, registryName]);
}
