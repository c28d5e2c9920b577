import type { Queryable } from '../db/port.ts';

export type AuditEventType =
  | 'sync_run'
  | 'webhook'
  | 'webhook_rejected'
  | 'conflict_resolved'
  | 'conflict_override'
  | 'run_approved'
  | 'run_rejected'
  | 'rules_changed'
  | 'settings_changed'
  | 'integration_changed'
  | 'source_write'
  | 'alert_acknowledged'
  | 'sync_cancelled'
  | 'organization_onboarded'
  | 'enrichment_changed';

export type ErrorCategory = 'configuration' | 'credentials' | 'registry' | 'data' | 'security' | 'internal';

export interface AuditEventInput {
  /** Given when rows written earlier in the transaction already point at this event. */
  id?: string;
  orgId: string;
  integrationId?: string | null;
  type: AuditEventType;
  actor: { kind: 'admin'; id: string; label: string } | { kind: 'engine' | 'registry'; label: string };
  runId?: string | null;
  summary: string;
  counts?: Record<string, number> | null;
  outcome?: 'ok' | 'warning' | 'error';
  errorCode?: string | null;
  errorCategory?: ErrorCategory | null;
  detail?: Record<string, unknown> | null;
}

/** The columns every audit row has, in the order both inserts below bind them ($1–$12). */
const EVENT_COLUMNS = 'org_id, integration_id, type, actor_kind, actor_id, actor_label, run_id, summary, outcome, error_code, error_category, detail';

function eventParams(event: Omit<AuditEventInput, 'id' | 'counts'>): unknown[] {
  return [
    event.orgId,
    event.integrationId ?? null,
    event.type,
    event.actor.kind,
    event.actor.kind === 'admin' ? event.actor.id : null,
    event.actor.label,
    event.runId ?? null,
    event.summary,
    event.outcome ?? 'ok',
    event.errorCode ?? null,
    event.errorCategory ?? null,
    event.detail ?? null,
  ];
}

/** Appends one event to the audit trail and returns its id. Nothing here may carry a personnummer. */
export async function recordAuditEvent(tx: Queryable, event: AuditEventInput): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into sync.audit_events (${EVENT_COLUMNS}, counts, id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, coalesce($14::uuid, gen_random_uuid())) returning id`,
    [...eventParams(event), event.counts ?? null, event.id ?? null],
  );
  const row = rows[0];
  if (!row) throw new Error('Recording an audit event returned no id');
  return row.id;
}

/**
 * Counts one more occurrence of an event that anyone may cause in a flood, such as a refused
 * webhook: one row per `tallyKey` and minute, whose `counts.occurrences` grows, instead of a
 * row each time. The row keeps when the first occurred (`occurred_at`, its place in the trail)
 * and, in `detail.lastOccurredAt` with the latest summary and detail, the most recent one.
 * Returns the occurrences so far in this minute (1 for the first).
 */
export async function tallyAuditEvent(tx: Queryable, event: Omit<AuditEventInput, 'id' | 'counts'> & { tallyKey: string }): Promise<number> {
  const { rows } = await tx.query<{ occurrences: number }>(
    `insert into sync.audit_events (${EVENT_COLUMNS}, occurred_at, counts, tally_key)
     select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
            coalesce($12::jsonb, '{}'::jsonb) || jsonb_build_object('lastOccurredAt', at), at, '{"occurrences": 1}',
            $13 || '@' || to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"')
       from (select clock_timestamp() as at) as clock
     on conflict (tally_key) where tally_key is not null do update
        set counts = jsonb_build_object('occurrences', (sync.audit_events.counts ->> 'occurrences')::int + 1),
            summary = excluded.summary, detail = excluded.detail
     returning (counts ->> 'occurrences')::int as occurrences`,
    [...eventParams(event), event.tallyKey],
  );
  const row = rows[0];
  if (!row) throw new Error('Tallying an audit event returned no row');
  return row.occurrences;
}

/** Which category an error code falls in, for the audit trail's filter and the alert's wording. */
export function errorCategoryOf(code: string): ErrorCategory {
  if (code === 'source_auth_failed') return 'credentials';
  if (code === 'invalid_input' || code === 'held_for_approval' || code === 'source_rejected_write' || code === 'source_not_found') {
    return 'configuration';
  }
  if (code.startsWith('source_')) return 'registry';
  return 'internal';
}
