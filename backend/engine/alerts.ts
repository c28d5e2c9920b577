import type { Queryable } from '../db/port.ts';
import type { ErrorActor } from '../../shared/domain/errors.ts';
import type { AlertDetail } from '../../shared/contract/alerts.ts';

export type AlertKind =
  | 'credentials_failed'
  | 'repeated_failures'
  | 'stale_late'
  | 'stale_error'
  | 'webhook_signature'
  | 'run_held'
  | 'source_write_failed'
  | 'records_quarantined'
  | 'enrichment_write_late';

export interface AlertInput {
  orgId: string;
  integrationId: string;
  kind: AlertKind;
  severity: 'warning' | 'error';
  actor: ErrorActor;
  /** The English fallback; the values a renderer builds its own sentence from go in `detail`. */
  message: string;
  detail?: AlertDetail;
}

/** Opens an alert, or counts another occurrence of the open one (one per integration and kind). */
export async function raiseAlert(tx: Queryable, alert: AlertInput): Promise<void> {
  await tx.query(
    `insert into sync.alerts (org_id, integration_id, kind, severity, actor, message, detail)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (integration_id, kind) where status = 'open' do update
        set occurrences = sync.alerts.occurrences + 1, last_raised_at = now(), message = excluded.message,
            severity = excluded.severity, actor = excluded.actor, detail = excluded.detail`,
    [alert.orgId, alert.integrationId, alert.kind, alert.severity, alert.actor, alert.message, alert.detail ?? null],
  );
}

/** Closes open alerts of these kinds: the condition behind them has cleared. */
export async function resolveAlerts(tx: Queryable, integrationId: string, kinds: readonly AlertKind[]): Promise<void> {
  await tx.query(
    `update sync.alerts set status = 'resolved', resolved_at = now()
      where integration_id = $1 and status = 'open' and kind = any($2::text[])`,
    [integrationId, kinds],
  );
}
