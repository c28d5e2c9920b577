import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { AuditEventView } from '../../../../shared/contract/audit.ts';
import { useFormat } from '../../i18n/format.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import type { AuditNames } from './audit-export.ts';
import { useActorName, useEventWords } from './event-words.ts';
import { OUTCOME_TONES } from './outcome-tone.ts';
import type { AuditSearch } from './search.ts';

export function AuditEventsTable({ events, search, names }: { events: AuditEventView[]; search: AuditSearch; names: AuditNames }) {
  const { t } = useTranslation('audit');
  const format = useFormat();
  const words = useEventWords();
  const actorName = useActorName();
  const columns: Array<Column<AuditEventView>> = [
    {
      id: 'time',
      header: t('table.time'),
      cell: (event) => <time dateTime={event.occurredAt}>{format.dateTime(event.occurredAt)}</time>,
    },
    {
      id: 'event',
      header: t('table.event'),
      cell: (event) => (
        <Link to="/audit/$eventId" params={{ eventId: event.id }} search={search} data-testid="event-link">
          {words(event)}
        </Link>
      ),
    },
    {
      id: 'outcome',
      header: t('table.outcome'),
      cell: (event) => <StatusBadge tone={OUTCOME_TONES[event.outcome]}>{t(`outcome.${event.outcome}`)}</StatusBadge>,
    },
    { id: 'actor', header: t('table.actor'), cell: (event) => actorName(event.actor) },
    {
      id: 'where',
      header: t('table.where'),
      cell: (event) => {
        const integration = names.integration(event.integrationId);
        return `${names.organization(event.orgId)} · ${integration || t('table.allOfOrganization')}`;
      },
    },
  ];
  return (
    <DataTable
      caption={t('table.caption')}
      columns={columns}
      rows={events}
      rowKey={(event) => event.id}
      rowProps={(event) => ({ 'data-testid': 'audit-row', 'data-event-id': event.id, 'data-type': event.type, 'data-outcome': event.outcome })}
    />
  );
}
