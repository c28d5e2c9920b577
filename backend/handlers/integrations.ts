import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { RegistryConnection, type UpdateIntegrationInput } from '../../shared/contract/integrations.ts';
import { AppError } from '../../shared/domain/errors.ts';
import type { Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { recordAuditEvent } from '../engine/audit.ts';
import { requireUser, type BackendContext } from './context.ts';
import { actingAdmin, requireVisibleOrg } from './admins.ts';
import { withServiceRole } from './service-role.ts';
import { readIntegrationRow, readIntegrationSettings, toSchedule } from './integration-view.ts';
import {
  callerIsGlobal,
  insertIntegration,
  normalCron,
  queueFullSync,
  requireGlobal,
  storeCredentials,
  systemNames,
  testBeforeSaving,
  type TestedConnection,
} from './integration-writes.ts';

type IntegrationRow = Awaited<ReturnType<typeof readIntegrationRow>>;

/** The new credentials with the registry they are for; a pairing the registry does not take is the admin's to fix. */
function connectionFor(system: IntegrationRow['system'], connection: NonNullable<UpdateIntegrationInput['connection']>): RegistryConnection {
  const parsed = RegistryConnection.safeParse({ system, ...connection });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: ['connection', ...issue.path.slice(1)].join('.'), message: issue.message }));
    throw new AppError('invalid_input', issues[0]?.message ?? 'These credentials are not for this member system.', 'org_admin', issues);
  }
  return parsed.data;
}

/**
 * The schedule's columns are granted to admins, so they change as the caller (RLS: their own
 * integrations); the scheduler's next-run columns are the service's, and null means "work it
 * out again" on the scheduler's next pass, never "due now".
 */
async function applyScheduleChange(
  tx: Queryable,
  before: IntegrationRow,
  change: { scheduleCron: string; deltaIntervalMinutes: number },
): Promise<string[]> {
  const cronChanged = before.schedule_cron !== change.scheduleCron;
  const deltaChanged = before.delta_interval_minutes !== change.deltaIntervalMinutes;
  if (!cronChanged && !deltaChanged) return [];
  await tx.query(`update sync.integrations set schedule_cron = $2, delta_interval_minutes = $3 where id = $1`, [
    before.id,
    change.scheduleCron,
    change.deltaIntervalMinutes,
  ]);
  await withServiceRole(tx, (service) =>
    service.query(
      `update sync.integrations
          set next_full_sync_at = case when $2 then null else next_full_sync_at end,
              next_delta_sync_at = case when $3 then null else next_delta_sync_at end
        where id = $1`,
      [before.id, cronChanged, deltaChanged],
    ),
  );
  const changes: string[] = [];
  if (cronChanged) changes.push(`full sync schedule '${before.schedule_cron}' → '${change.scheduleCron}'`);
  if (deltaChanged) changes.push(`check for changes every ${before.delta_interval_minutes} → ${change.deltaIntervalMinutes} minutes`);
  return changes;
}

export function registerIntegrationHandlers(router: Router<Operations, BackendContext>): void {
  router.register('integrations.get', async ({ integrationId }, { db, caller, setup }) => {
    requireUser(caller);
    return asCaller(db, caller, (tx) => readIntegrationSettings(tx, integrationId, setup));
  });

  router.register('integrations.updateSchedule', async ({ integrationId, scheduleCron, deltaIntervalMinutes }, { db, caller }) => {
    requireUser(caller);
    const cron = normalCron(scheduleCron);
    return asCaller(db, caller, async (tx) => {
      const before = await readIntegrationRow(tx, integrationId, true);
      const admin = await actingAdmin(tx);
      const changes = await applyScheduleChange(tx, before, { scheduleCron: cron, deltaIntervalMinutes });
      if (changes.length === 0) return toSchedule(before);
      await withServiceRole(tx, (service) =>
        recordAuditEvent(service, {
          orgId: before.org_id,
          integrationId,
          type: 'integration_changed',
          actor: { kind: 'admin', id: admin.userId, label: admin.label },
          summary: `${admin.label} changed the schedule of ${before.display_name}: ${changes.join('; ')}.`,
          detail: {
            changes: ['schedule'],
            before: { scheduleCron: before.schedule_cron, deltaIntervalMinutes: before.delta_interval_minutes },
            after: { scheduleCron: cron, deltaIntervalMinutes },
          },
        }),
      );
      return toSchedule(await readIntegrationRow(tx, integrationId));
    });
  });

  router.register('integrations.update', async (input, { db, caller, setup, wakeWorker }) => {
    requireUser(caller);
    if (input.connection && input.enabled === false) {
      throw new AppError('invalid_input', 'Saving new credentials switches the integration on; switch it off separately.', 'org_admin', [
        { path: 'enabled', message: 'Cannot be off while new credentials are saved.' },
      ]);
    }
    // Visible to the caller at all (else not_found) before the registry is asked anything.
    const system = await asCaller(db, caller, async (tx) => (await readIntegrationRow(tx, input.integrationId)).system);
    const tested: TestedConnection | null = input.connection ? await testBeforeSaving(setup, connectionFor(system, input.connection)) : null;
    const cron = input.scheduleCron === undefined ? undefined : normalCron(input.scheduleCron);

    const result = await asCaller(db, caller, async (tx) => {
      const before = await readIntegrationRow(tx, input.integrationId, true);
      const admin = await actingAdmin(tx);
      const changed: string[] = [];
      const sentences: string[] = [];

      const scheduleSentences = await applyScheduleChange(tx, before, {
        scheduleCron: cron ?? before.schedule_cron,
        deltaIntervalMinutes: input.deltaIntervalMinutes ?? before.delta_interval_minutes,
      });
      if (scheduleSentences.length > 0) changed.push('schedule');
      sentences.push(...scheduleSentences);

      if (input.displayName !== undefined && input.displayName !== before.display_name) {
        await tx.query(`update sync.integrations set display_name = $2 where id = $1`, [before.id, input.displayName]);
        changed.push('displayName');
        sentences.push(`name '${before.display_name}' → '${input.displayName}'`);
      }
      // Saving tested credentials activates the integration, as story 7 asks.
      const enabled = tested ? true : (input.enabled ?? before.enabled);
      if (enabled !== before.enabled) {
        await tx.query(`update sync.integrations set enabled = $2 where id = $1`, [before.id, enabled]);
        changed.push('enabled');
        sentences.push(enabled ? 'switched on' : 'switched off: no scheduled syncs and no webhooks until it is switched on again');
      }
      if (tested) {
        // Where credentials are sent changes only here, together with new ones that just
        // worked there: not granted to admins, so written as the service.
        await withServiceRole(tx, async (service) => {
          await service.query(`update sync.integrations set base_url = $2, auth_kind = $3, webhooks_supported = $4 where id = $1`, [
            before.id,
            tested.connection.baseUrl,
            tested.connection.credentials.kind,
            before.system === 'cornerstone' && tested.webhooksAvailable,
          ]);
          await storeCredentials(service, setup, before.id, tested.connection.credentials);
        });
        changed.push('credentials');
        sentences.push('new credentials saved after a successful connection test');
        if (tested.connection.baseUrl !== before.base_url) {
          changed.push('address');
          sentences.push(`address '${before.base_url}' → '${tested.connection.baseUrl}'`);
        }
      }
      // Activation queues the first full sync: tested credentials on an integration that was
      // off or has never completed one.
      const queuedJob = tested && (!before.enabled || !before.ever_fully_synced) ? await queueFullSync(tx, before.id, before.org_id) : null;

      if (changed.length > 0) {
        await withServiceRole(tx, (service) =>
          recordAuditEvent(service, {
            orgId: before.org_id,
            integrationId: before.id,
            type: 'integration_changed',
            actor: { kind: 'admin', id: admin.userId, label: admin.label },
            summary: `${admin.label} changed ${before.display_name}: ${sentences.join('; ')}.`,
            // Credentials only as "changed": never a value, not even sealed.
            detail: {
              changes: changed,
              ...(changed.includes('credentials') ? { credentials: 'changed', authKind: tested?.connection.credentials.kind } : {}),
              ...(input.enabled !== undefined || tested ? { enabled } : {}),
              ...(queuedJob ? { queuedJobId: queuedJob.id } : {}),
            },
          }),
        );
      }
      return { integration: await readIntegrationSettings(tx, before.id, setup), queuedJob };
    });
    if (result.queuedJob) wakeWorker();
    return result;
  });

  router.register('integrations.create', async ({ orgId, integration }, { db, caller, setup, wakeWorker }) => {
    requireUser(caller);
    requireGlobal(await callerIsGlobal(db, caller), 'connect an organization to a member system');
    const orgName = await asCaller(db, caller, async (tx) => {
      await requireVisibleOrg(tx, orgId);
      const { rows } = await tx.query<{ name: string }>(`select name from sync.organizations where id = $1`, [orgId]);
      return rows[0]?.name ?? '';
    });
    const tested = await testBeforeSaving(setup, integration.connection);
    const result = await asCaller(db, caller, async (tx) => {
      const admin = await actingAdmin(tx);
      const { integrationId, displayName } = await insertIntegration(tx, setup, { orgId, orgName, integration, tested });
      const queuedJob = await queueFullSync(tx, integrationId, orgId);
      await withServiceRole(tx, (service) =>
        recordAuditEvent(service, {
          orgId,
          integrationId,
          type: 'integration_changed',
          actor: { kind: 'admin', id: admin.userId, label: admin.label },
          summary: `${admin.label} connected ${orgName} to ${systemNames[integration.connection.system]}, and queued its initial full sync.`,
          detail: {
            changes: ['created'],
            system: integration.connection.system,
            credentials: 'changed',
            authKind: integration.connection.credentials.kind,
          },
        }),
      );
      return { integration: await readIntegrationSettings(tx, integrationId, setup), queuedJob, displayName };
    });
    wakeWorker();
    return { integration: result.integration, queuedJob: result.queuedJob };
  });
}
