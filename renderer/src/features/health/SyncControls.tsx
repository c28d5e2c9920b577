import { useId, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrationHealth } from '../../../../shared/contract/schemas.ts';
import { Button } from '../../ui/Button.tsx';
import { useStartSync, type SyncRequest } from './queries.ts';

const OPTIONS = [
  { key: 'full', request: { kind: 'full', dryRun: false } },
  { key: 'delta', request: { kind: 'delta', dryRun: false } },
  { key: 'preview', request: { kind: 'full', dryRun: true } },
] as const satisfies ReadonlyArray<{ key: string; request: Omit<SyncRequest, 'integrationId'> }>;

/**
 * "Sync now" starts a full sync; the disclosure beside it offers an update of recent changes and
 * a preview. One button element all along, so focus stays on it when it turns into "Syncing…".
 */
export function SyncControls({ integration, syncNow }: { integration: IntegrationHealth; syncNow: RefObject<HTMLButtonElement | null> }) {
  const { t } = useTranslation('health');
  const start = useStartSync();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const active = integration.activeJob !== null;
  const busy = active || start.isPending;
  const canDelta = integration.lastFullRun?.status === 'succeeded' || integration.lastSuccessAt !== null;

  const run = (request: Omit<SyncRequest, 'integrationId'>) => {
    setOpen(false);
    start.mutate({ integrationId: integration.integrationId, ...request });
  };

  if (!integration.enabled) return <p className="muted">{t('sync.disabled')}</p>;
  return (
    <div className="sync-controls">
      <Button ref={syncNow} variant="primary" busy={busy} onClick={() => run({ kind: 'full', dryRun: false })}>
        {busy ? t('sync.syncing') : t('sync.now')}
      </Button>
      <Button
        ref={toggle}
        aria-expanded={open}
        aria-controls={menuId}
        busy={busy}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
      >
        {t('sync.more')}
      </Button>
      {open ? (
        <ul
          id={menuId}
          className="sync-menu"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setOpen(false);
              toggle.current?.focus();
            }
          }}
        >
          {OPTIONS.map((option) => (
            <li key={option.key}>
              <Button
                variant="link"
                disabled={option.key === 'delta' && !canDelta}
                onClick={() => {
                  run(option.request);
                  // The menu closes under the focused option: focus goes back to what opened it.
                  toggle.current?.focus();
                }}
              >
                {t(`sync.${option.key}`)}
              </Button>
              <span className="field-hint">{t(`sync.${option.key}Hint`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
