import { useMemo } from 'react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { SyncRunView } from '../../../../shared/contract/runs.ts';
import { useFormat } from '../../i18n/format.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useRunHistory } from './queries.ts';
import { RUN_STATUS_TONES, runKindKey } from './run-words.ts';
import { useRegistryNames } from './use-registry-names.ts';

const route = getRouteApi('/integrations/$integrationId/runs');

type CountKey = 'seen' | 'created' | 'updated' | 'quarantined' | 'lapsed' | 'removed' | 'conflictsDetected';
const COUNT_COLUMNS: Array<{ key: CountKey; header: 'seen' | 'created' | 'updated' | 'quarantined' | 'lapsed' | 'removed' | 'conflicts' }> = [
  { key: 'seen', header: 'seen' },
  { key: 'created', header: 'created' },
  { key: 'updated', header: 'updated' },
  { key: 'quarantined', header: 'quarantined' },
  { key: 'lapsed', header: 'lapsed' },
  { key: 'removed', header: 'removed' },
  { key: 'conflictsDetected', header: 'conflicts' },
];

/** Every run of one integration, newest first; each row opens the run. */
export function RunHistoryPage() {
  const { integrationId } = route.useParams();
  const { t } = useTranslation(['runs', 'common']);
  const format = useFormat();
  const registryName = useRegistryNames()(integrationId);
  const history = useRunHistory(integrationId);
  const runs = useMemo(() => history.data?.pages.flatMap((page) => page.items) ?? [], [history.data]);

  const columns = useMemo<Array<Column<SyncRunView>>>(
    () => [
      {
        id: 'started',
        header: t('table.started'),
        cell: (run) => (
          <Link to="/runs/$runId" params={{ runId: run.id }}>
            {format.dateTime(run.startedAt)}
          </Link>
        ),
      },
      { id: 'kind', header: t('table.kind'), cell: (run) => t(`kind.${runKindKey(run)}`) },
      { id: 'trigger', header: t('table.trigger'), cell: (run) => t(`trigger.${run.trigger}`) },
      {
        id: 'outcome',
        header: t('table.outcome'),
        cell: (run) => <StatusBadge tone={RUN_STATUS_TONES[run.status]}>{t(`status.${run.status}`)}</StatusBadge>,
      },
      ...COUNT_COLUMNS.map(({ key, header }): Column<SyncRunView> => ({
        id: key,
        header: t(`table.${header}`),
        numeric: true,
        cell: (run) => format.count(run.counts[key]),
      })),
      {
        id: 'duration',
        header: t('table.duration'),
        numeric: true,
        cell: (run) => (run.durationMs === null ? (run.status === 'running' ? t('table.running') : '–') : format.duration(run.durationMs)),
      },
    ],
    [format, t],
  );

  return (
    <>
      <PageHeading>{registryName ? t('titleFor', { name: registryName }) : t('title')}</PageHeading>
      <p className="page-intro">{t('intro')}</p>
      <p>
        <Link to="/">{t('backToBoard')}</Link>
      </p>
      {history.isPending ? <p>{t('common:app.loading')}</p> : null}
      {history.isSuccess && runs.length === 0 ? <EmptyState title={t('empty')} /> : null}
      {runs.length > 0 ? (
        <DataTable
          caption={t('table.caption')}
          columns={columns}
          rows={runs}
          rowKey={(run) => run.id}
          rowProps={(run) => ({ 'data-run-id': run.id, 'data-status': run.status, 'data-kind': runKindKey(run) })}
        />
      ) : null}
      <LoadMore query={history} />
    </>
  );
}
