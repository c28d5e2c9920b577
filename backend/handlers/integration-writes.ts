import type { Caller, Db, Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { runConnectionTest } from '../engine/connection-test.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { parseCron } from '../../shared/domain/cron.ts';
import type { IntegrationCredentials } from '../../shared/domain/integration.ts';
import {
  CONNECTION_TEST_DEADLINE_MS,
  type ConnectionTestResult,
  type NewIntegration,
  type RegistryConnection,
} from '../../shared/contract/integrations.ts';
import type { SyncJobView } from '../../shared/contract/schemas.ts';
import { insertAdminJob, toSyncJobView } from './rows.ts';
import type { RegistrySetup } from './registry-setup.ts';
import { withServiceRole } from './service-role.ts';

/** What a passed connection test tells the save that follows it. */
export interface TestedConnection {
  connection: RegistryConnection;
  webhooksAvailable: boolean;
  organizationName: string | null;
}

/**
 * Tests credentials before they are saved, and refuses the save if the registry does: saving
 * tested credentials is what activates an integration, so untested ones are never saved. Runs
 * before any transaction opens, so a slow registry holds no locks.
 */
export async function testBeforeSaving(setup: RegistrySetup, connection: RegistryConnection): Promise<TestedConnection> {
  const result = await testFormConnection(setup, connection);
  if (result.outcome === 'failed') {
    throw new AppError(result.code, `Nothing was saved: ${result.message}`, result.actor, [
      {
        path: result.problem === 'invalid_address' || result.problem === 'unreachable' ? 'connection.baseUrl' : 'connection.credentials',
        message: result.message,
      },
    ]);
  }
  return { connection, webhooksAvailable: result.webhooksAvailable, organizationName: result.organizationName };
}

/** Credentials typed into a form, tried against their registry within this host's deadline; used once, in memory. */
export function testFormConnection(setup: RegistrySetup, connection: RegistryConnection): Promise<ConnectionTestResult> {
  const deadlineMs = setup.testDeadlineMs ?? CONNECTION_TEST_DEADLINE_MS;
  return runConnectionTest(() => setup.connect(connection, { timeoutMs: deadlineMs }), { deadlineMs, credentialKind: connection.credentials.kind });
}

/** True when the caller is a global admin (read as the caller: `sync.is_global_admin()` is theirs to ask). */
export async function callerIsGlobal(db: Db, caller: Caller): Promise<boolean> {
  return asCaller(db, caller, async (tx) => {
    const { rows } = await tx.query<{ global: boolean }>(`select sync.is_global_admin() as global`);
    return rows[0]?.global === true;
  });
}

export function requireGlobal(isGlobal: boolean, what: string): void {
  if (!isGlobal) throw new AppError('forbidden', `Only a global administrator can ${what}.`, 'org_admin');
}

/** A cron expression in its normal spacing; the contract has already refused a bad one. */
export function normalCron(expression: string): string {
  const parsed = parseCron(expression);
  if (!parsed.ok) throw new AppError('invalid_input', parsed.message, 'org_admin', [{ path: 'scheduleCron', message: parsed.message }]);
  return parsed.schedule.expression;
}

export const systemNames = { cornerstone: 'Cornerstone', consio: 'Consio' } as const;

/**
 * Inserts an integration as the caller: row-level security lets only a global admin insert
 * (`integrations_insert_global`). Then, as the service, its sealed credentials, and when they
 * last worked. One integration per organization and registry system.
 */
export async function insertIntegration(
  tx: Queryable,
  setup: RegistrySetup,
  input: { orgId: string; orgName: string; integration: NewIntegration; tested: TestedConnection },
): Promise<{ integrationId: string; displayName: string }> {
  const { connection } = input.integration;
  const displayName = `${systemNames[connection.system]} – ${input.orgName}`;
  const existing = await tx.query(`select 1 from sync.integrations where org_id = $1 and system = $2`, [input.orgId, connection.system]);
  if (existing.rows.length > 0) {
    throw new AppError(
      'conflict',
      `${input.orgName} already has a ${systemNames[connection.system]} integration; change it in its settings.`,
      'org_admin',
      [{ path: 'integration.connection.system', message: 'This organization already has an integration with this member system.' }],
    );
  }
  const { rows } = await tx.query<{ id: string }>(
    `insert into sync.integrations
       (org_id, system, display_name, base_url, auth_kind, webhooks_supported, schedule_cron, delta_interval_minutes, enabled)
     values ($1, $2, $3, $4, $5, $6, $7, $8, true)
     returning id`,
    [
      input.orgId,
      connection.system,
      displayName,
      connection.baseUrl,
      connection.credentials.kind,
      connection.system === 'cornerstone' && input.tested.webhooksAvailable,
      normalCron(input.integration.scheduleCron),
      input.integration.deltaIntervalMinutes,
    ],
  );
  const integrationId = rows[0]?.id;
  if (!integrationId) throw new Error('Inserting an integration returned no id');
  await withServiceRole(tx, (service) => storeCredentials(service, setup, integrationId, connection.credentials));
  return { integrationId, displayName };
}

/**
 * Seals and stores credentials that just passed a test, as the service (admins have no grant on
 * `integration_credentials`), and records when they changed and worked. Call inside `withServiceRole`.
 */
export async function storeCredentials(
  service: Queryable,
  setup: RegistrySetup,
  integrationId: string,
  credentials: IntegrationCredentials,
): Promise<void> {
  const sealed = await setup.box.seal(credentials);
  await service.query(
    `insert into sync.integration_credentials (integration_id, ciphertext, key_id) values ($1, $2, $3)
     on conflict (integration_id) do update set ciphertext = excluded.ciphertext, key_id = excluded.key_id`,
    [integrationId, sealed.ciphertext, sealed.keyId],
  );
  await service.query(`update sync.integrations set credentials_changed_at = now(), credentials_verified_at = now() where id = $1`, [integrationId]);
}

/** Queues the integration's first full sync (or the one that follows an activation), unless a job is already under way. */
export async function queueFullSync(tx: Queryable, integrationId: string, orgId: string): Promise<SyncJobView | null> {
  const job = await insertAdminJob(tx, { integrationId, orgId, kind: 'full', dryRun: false });
  return job ? toSyncJobView(job) : null;
}
