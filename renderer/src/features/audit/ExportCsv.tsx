import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callOperation } from '../../api/client.ts';
import { announce } from '../../stores/announce.ts';
import { notify } from '../../stores/notify.ts';
import { Button } from '../../ui/Button.tsx';
import { AUDIT_CSV_HEADER, auditCsvCells, auditCsvFileName, type AuditNames } from './audit-export.ts';
import { allPages, writeCsv } from './csv.ts';
import type { AuditListFilter } from './queries.ts';

/** The export asks for the largest page the contract allows. */
const EXPORT_PAGE_SIZE = 100;

type ExportState =
  { step: 'idle' } | { step: 'running'; rows: number } | { step: 'done'; rows: number; url: string; fileName: string } | { step: 'stopped' };

const todayInOslo = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());

/**
 * Every event that matches the filters as a CSV file, page after page into Blob parts, with
 * progress and a way to stop. The file is offered through an object URL, revoked when a new
 * export starts or the page closes.
 */
export function ExportCsv({
  filter,
  names,
  from,
  to,
}: {
  filter: AuditListFilter;
  names: AuditNames;
  from?: string | undefined;
  to?: string | undefined;
}) {
  const { t } = useTranslation('audit');
  const [state, setState] = useState<ExportState>({ step: 'idle' });
  const controller = useRef<AbortController | null>(null);
  const url = useRef<string | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  const revoke = () => {
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = null;
  };

  useEffect(
    () => () => {
      controller.current?.abort();
      revoke();
    },
    [],
  );

  // Offer the file as soon as it is ready; the link stays for a second download.
  useEffect(() => {
    if (state.step === 'done') link.current?.click();
  }, [state.step]);

  const start = async () => {
    revoke();
    const abort = new AbortController();
    controller.current = abort;
    setState({ step: 'running', rows: 0 });
    try {
      const { blob, rows } = await writeCsv({
        header: AUDIT_CSV_HEADER,
        pages: allPages((cursor) => callOperation('audit.list', { ...filter, limit: EXPORT_PAGE_SIZE, ...(cursor ? { cursor } : {}) }), abort.signal),
        toCells: (event) => auditCsvCells(event, names),
        onProgress: (count) => setState({ step: 'running', rows: count }),
        signal: abort.signal,
      });
      url.current = URL.createObjectURL(blob);
      setState({ step: 'done', rows, url: url.current, fileName: auditCsvFileName(from, to, todayInOslo()) });
      announce(t('export.done', { count: rows }));
    } catch (error) {
      if (abort.signal.aborted) {
        setState({ step: 'stopped' });
        announce(t('export.stopped'));
      } else {
        setState({ step: 'idle' });
        notify.error(error);
      }
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  };

  return (
    <section className="panel audit-export" aria-labelledby="audit-export-title" data-testid="audit-export" data-step={state.step}>
      <h2 id="audit-export-title">{t('export.title')}</h2>
      <p className="field-hint">{t('export.hint')}</p>
      <div className="audit-export-controls">
        <Button busy={state.step === 'running'} onClick={() => void start()}>
          {t('export.start')}
        </Button>
        {state.step === 'running' ? (
          <>
            <span data-testid="export-progress" data-rows={state.rows}>
              {t('export.progress', { count: state.rows })}
            </span>
            <Button variant="danger" onClick={() => controller.current?.abort(new DOMException('Stopped by the admin', 'AbortError'))}>
              {t('export.stop')}
            </Button>
          </>
        ) : null}
      </div>
      {state.step === 'done' ? (
        <p data-testid="export-done" data-rows={state.rows}>
          {t('export.done', { count: state.rows })}{' '}
          <a ref={link} href={state.url} download={state.fileName}>
            {t('export.download', { name: state.fileName })}
          </a>
        </p>
      ) : null}
      {state.step === 'stopped' ? <p data-testid="export-stopped">{t('export.stopped')}</p> : null}
    </section>
  );
}
