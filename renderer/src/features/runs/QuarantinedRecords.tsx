import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { QuarantinedRecordView, SyncRunView } from '../../../../shared/contract/runs.ts';
import { isQuarantineField } from '../../../../shared/domain/quarantine.ts';
import { useFormat } from '../../i18n/format.ts';
import { DataTable, type Column } from '../../ui/DataTable.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useQuarantined } from './queries.ts';

/** One problem in words: the field (or the record as a whole) and what was wrong with it. */
function problemText(t: TFunction<['runs', 'common']>, { field, problem }: QuarantinedRecordView['problems'][number]): string {
  const fieldName =
    field === null ? t('quarantined.field.record') : isQuarantineField(field) ? t(`common:memberFields.${field}`) : t('quarantined.field.other');
  return t('quarantined.fieldProblem', { field: fieldName, problem: t(`quarantined.problem.${problem}`) });
}

/**
 * What was wrong with a record, in the console's own words from the stored problem codes. Rows
 * quarantined before those codes were kept have none, and show the backend's English reason.
 */
function WhatWasWrong({ record }: { record: QuarantinedRecordView }) {
  const { t } = useTranslation(['runs', 'common']);
  if (record.problems.length === 0) return <>{record.reason}</>;
  if (record.problems.length === 1 && record.problems[0]) return <>{problemText(t, record.problems[0])}</>;
  return (
    <ul className="quarantine-problems" data-testid="quarantine-problems">
      {record.problems.map((entry, index) => (
        <li key={`${index}:${entry.field ?? ''}:${entry.problem}`}>{problemText(t, entry)}</li>
      ))}
    </ul>
  );
}

/**
 * The records a run set aside ("could not be read"), with what was wrong: fields and problems,
 * never values. A preview stores none, and only says how many.
 */
export function QuarantinedRecords({ run }: { run: SyncRunView }) {
  const { t } = useTranslation(['runs', 'common']);
  const format = useFormat();
  const records = useQuarantined(run.id, !run.dryRun && run.counts.quarantined > 0);
  const rows = useMemo(() => records.data?.pages.flatMap((page) => page.items) ?? [], [records.data]);

  const columns = useMemo<Array<Column<QuarantinedRecordView>>>(
    () => [
      { id: 'externalId', header: t('quarantined.externalId'), cell: (record) => record.externalId ?? t('quarantined.noExternalId') },
      { id: 'reason', header: t('quarantined.reason'), cell: (record) => <WhatWasWrong record={record} /> },
      { id: 'firstSeen', header: t('quarantined.firstSeen'), cell: (record) => format.dateTime(record.firstSeenAt) },
      { id: 'lastSeen', header: t('quarantined.lastSeen'), cell: (record) => format.dateTime(record.lastSeenAt) },
      { id: 'occurrences', header: t('quarantined.occurrences'), numeric: true, cell: (record) => format.count(record.occurrences) },
      {
        id: 'state',
        header: t('quarantined.state'),
        cell: (record) =>
          record.resolvedAt ? (
            <StatusBadge tone="ok">{t('quarantined.resolved')}</StatusBadge>
          ) : (
            <StatusBadge tone="warning">{t('quarantined.open')}</StatusBadge>
          ),
      },
    ],
    [format, t],
  );

  let body;
  if (run.dryRun) body = <p>{run.counts.quarantined > 0 ? t('quarantined.preview', { count: run.counts.quarantined }) : t('quarantined.none')}</p>;
  else if (run.counts.quarantined === 0) body = <p>{t('quarantined.none')}</p>;
  else if (records.isPending) body = <p>{t('common:app.loading')}</p>;
  else
    body = (
      <>
        <p>{t('quarantined.intro')}</p>
        <DataTable caption={t('quarantined.caption')} captionHidden columns={columns} rows={rows} rowKey={(record) => record.id} />
        <LoadMore query={records} />
      </>
    );

  return (
    <section className="panel" aria-labelledby="quarantined-title" data-testid="quarantined-records">
      <h2 id="quarantined-title">{t('quarantined.title')}</h2>
      {body}
    </section>
  );
}
