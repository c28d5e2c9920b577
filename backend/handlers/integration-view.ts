import type { Queryable } from '../db/port.ts';
import type { IntegrationSchedule, IntegrationSettings } from '../../shared/contract/integrations.ts';
import { notFound, toIso } from './rows.ts';
import { withServiceRole } from './service-role.ts';
import type { RegistrySetup } from './registry-setup.ts';

interface IntegrationRow {
  id: string;
  org_id: string;
  org_name: string;
  system: 'cornerstone' | 'consio';
  display_name: string;
  base_url: string;
  auth_kind: IntegrationSettings['authKind'];
  enabled: boolean;
  webhooks_supported: boolean;
  schedule_cron: string;
  schedule_timezone: string;
  delta_interval_minutes: number;
  next_full_sync_at: unknown;
  next_delta_sync_at: unknown;
  credentials_changed_at: unknown;
  credentials_verified_at: unknown;
  last_success_with_credentials: unknown;
  ever_fully_synced: boolean;
  last_delivery_at: unknown;
}

interface SecretRow {
  saved: boolean;
  secret_created_at: unknown;
  previous_valid_until: unknown;
  signature_failures: number;
  last_signature_failure: unknown;
}

/** The integration row as the caller may see it (RLS); `lock` for a change that follows. */
export async function readIntegrationRow(tx: Queryable, integrationId: string, lock = false): Promise<IntegrationRow> {
  // Each part is an index probe: the last succeeded run after the credentials changed on
  // (integration_id, status, started_at desc), the last webhook delivery on
  // webhook_events_received_idx. "Last worked" is the later of a passed test and such a run.
  const { rows } = await tx.query<IntegrationRow>(
    `select i.id, i.org_id, o.name as org_name, i.system, i.display_name, i.base_url, i.auth_kind, i.enabled,
            i.webhooks_supported, i.schedule_cron, i.schedule_timezone, i.delta_interval_minutes,
            i.next_full_sync_at, i.next_delta_sync_at, i.credentials_changed_at, i.credentials_verified_at,
            (select r.finished_at from sync.sync_runs r
              where r.integration_id = i.id and r.status = 'succeeded' and not r.dry_run
                and r.started_at >= coalesce(i.credentials_changed_at, '-infinity')
              order by r.started_at desc limit 1) as last_success_with_credentials,
            exists (select 1 from sync.sync_runs r
                     where r.integration_id = i.id and r.kind = 'full' and not r.dry_run and r.status = 'succeeded') as ever_fully_synced,
            (select e.received_at from sync.webhook_events e
              where e.integration_id = i.id order by e.received_at desc limit 1) as last_delivery_at
       from sync.integrations i
       join sync.organizations o on o.id = i.org_id
      where i.id = $1 ${lock ? 'for update of i' : ''}`,
    [integrationId],
  );
  if (!rows[0]) throw notFound('The integration');
  return rows[0];
}

export const toSchedule = (row: IntegrationRow): IntegrationSchedule => ({
  integrationId: row.id,
  scheduleCron: row.schedule_cron,
  scheduleTimezone: row.schedule_timezone,
  deltaIntervalMinutes: row.delta_interval_minutes,
  nextFullSyncAt: toIso(row.next_full_sync_at),
  nextDeltaSyncAt: toIso(row.next_delta_sync_at),
});

function later(a: unknown, b: unknown): string | null {
  const [x, y] = [toIso(a), toIso(b)];
  if (x === null || y === null) return x ?? y;
  return x >= y ? x : y;
}

/**
 * An integration as its settings screen shows it. The row is read as the caller, so row-level
 * security decides who may see it; whether credentials and a webhook secret are saved is then
 * read as the service (admins have no grant on either table), never their ciphertext.
 */
export async function readIntegrationSettings(tx: Queryable, integrationId: string, setup: RegistrySetup): Promise<IntegrationSettings> {
  const row = await readIntegrationRow(tx, integrationId);
  const secret = await withServiceRole(tx, async (service) => {
    const { rows } = await service.query<SecretRow>(
      `select exists (select 1 from sync.integration_credentials c where c.integration_id = $1) as saved,
              s.updated_at as secret_created_at,
              (select max((e ->> 'validUntil')::timestamptz) from jsonb_array_elements(s.previous_secrets) as e
                where (e ->> 'validUntil')::timestamptz > now()) as previous_valid_until,
              coalesce(f.occurrences, 0)::int as signature_failures, f.last_at as last_signature_failure
         from (select 1) as one
         left join sync.webhook_secrets s on s.integration_id = $1
         left join lateral (
           select sum((a.counts ->> 'occurrences')::int) as occurrences,
                  max(coalesce((a.detail ->> 'lastOccurredAt')::timestamptz, a.occurred_at)) as last_at
             from sync.audit_events a
            where a.integration_id = $1 and a.type = 'webhook_rejected' and a.error_code like 'signature\\_%'
              and a.occurred_at > now() - interval '24 hours') f on true`,
      [integrationId],
    );
    const found = rows[0];
    if (!found) throw new Error('Reading the secrets of an integration returned no row');
    return found;
  });
  const supported = row.system === 'cornerstone' && row.webhooks_supported;
  return {
    ...toSchedule(row),
    orgId: row.org_id,
    orgName: row.org_name,
    system: row.system,
    displayName: row.display_name,
    baseUrl: row.base_url,
    authKind: row.auth_kind,
    enabled: row.enabled,
    credentials: {
      saved: secret.saved,
      changedAt: toIso(row.credentials_changed_at),
      lastWorkedAt: later(row.credentials_verified_at, row.last_success_with_credentials),
    },
    webhooks: {
      supported,
      receivingUrl: supported ? setup.webhookUrl(row.id) : null,
      secretCreatedAt: supported ? toIso(secret.secret_created_at) : null,
      previousSecretValidUntil: supported ? toIso(secret.previous_valid_until) : null,
      lastDeliveryAt: toIso(row.last_delivery_at),
      signatureFailures: { last24h: secret.signature_failures, lastAt: toIso(secret.last_signature_failure) },
    },
    awaitingInitialSync: !row.ever_fully_synced,
  };
}
