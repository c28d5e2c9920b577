import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { asCaller } from '../db/as-caller.ts';
import { recordAuditEvent } from '../engine/audit.ts';
import { requireUser, type BackendContext } from './context.ts';
import { actingAdmin } from './admins.ts';
import { withServiceRole } from './service-role.ts';
import { callerIsGlobal, insertIntegration, queueFullSync, requireGlobal, systemNames, testBeforeSaving } from './integration-writes.ts';
import { notFound } from './rows.ts';

/**
 * Onboarding, for global admins: `admins.find` chooses existing accounts by e-mail, and
 * `organizations.onboard` creates the organization, its integration, its administrators and
 * the initial full sync in one transaction, or nothing. Each write is the caller's own under
 * row-level security (global admins may insert organizations, integrations, admin links and
 * jobs), except the sealed credentials and the audit trail, which are the service's.
 */
/** A refusal of the connection, with its fields named where they are in the onboarding input. */
function underIntegration(error: unknown): never {
  if (error instanceof AppError && error.issues) {
    throw new AppError(
      error.code,
      error.message,
      error.actor,
      error.issues.map((issue) => ({ ...issue, path: `integration.${issue.path}` })),
    );
  }
  throw error;
}

export function registerOnboardingHandlers(router: Router<Operations, BackendContext>): void {
  router.register('admins.find', async ({ email }, { db, caller }) => {
    requireUser(caller);
    requireGlobal(await callerIsGlobal(db, caller), 'look up administrator accounts');
    return asCaller(db, caller, async (tx) => {
      const { rows } = await tx.query<{ user_id: string; email: string; display_name: string; is_global: boolean }>(
        `select user_id, email, display_name, is_global from sync.admins where lower(email) = $1`,
        [email],
      );
      const row = rows[0];
      if (!row) throw notFound('An administrator account with that e-mail address');
      return { userId: row.user_id, email: row.email, displayName: row.display_name, isGlobal: row.is_global };
    });
  });

  router.register('organizations.onboard', async (input, { db, caller, setup, wakeWorker }) => {
    requireUser(caller);
    requireGlobal(await callerIsGlobal(db, caller), 'add organizations');
    // Tested just before saving, outside the transaction: a slow registry holds no locks, and
    // credentials the registry refuses leave nothing behind.
    const tested = input.integration ? await testBeforeSaving(setup, input.integration.connection).catch(underIntegration) : null;
    const adminIds = [...new Set(input.adminUserIds)];

    const result = await asCaller(db, caller, async (tx) => {
      const admin = await actingAdmin(tx);
      const taken = await tx.query(`select 1 from sync.organizations where slug = $1`, [input.slug]);
      if (taken.rows.length > 0) {
        throw new AppError('conflict', `An organization with the short name "${input.slug}" already exists.`, 'org_admin', [
          { path: 'slug', message: 'This short name is taken; choose another.' },
        ]);
      }
      const { rows } = await tx.query<{ id: string }>(`insert into sync.organizations (name, slug) values ($1, $2) returning id`, [
        input.name,
        input.slug,
      ]);
      const orgId = rows[0]?.id;
      if (!orgId) throw new Error('Inserting an organization returned no id');

      if (adminIds.length > 0) {
        const found = await tx.query<{ user_id: string }>(`select user_id from sync.admins where user_id = any($1::uuid[])`, [adminIds]);
        const known = new Set(found.rows.map((row) => row.user_id));
        const missing = adminIds.findIndex((id) => !known.has(id));
        if (missing >= 0) {
          throw new AppError('invalid_input', 'One of the chosen administrators no longer has an account.', 'org_admin', [
            { path: `adminUserIds.${missing}`, message: 'No administrator account has this id.' },
          ]);
        }
        await tx.query(`insert into sync.org_admins (org_id, user_id) select $1, unnest($2::uuid[])`, [orgId, adminIds]);
      }

      const integration =
        input.integration && tested
          ? await insertIntegration(tx, setup, { orgId, orgName: input.name, integration: input.integration, tested })
          : null;
      const initialSync = integration ? await queueFullSync(tx, integration.integrationId, orgId) : null;

      await withServiceRole(tx, async (service) => {
        const system = input.integration?.connection.system;
        await recordAuditEvent(service, {
          orgId,
          integrationId: integration?.integrationId ?? null,
          type: 'organization_onboarded',
          actor: { kind: 'admin', id: admin.userId, label: admin.label },
          summary: system
            ? `${admin.label} added ${input.name}, connected to ${systemNames[system]}, with ${adminIds.length} administrator(s); its initial full sync is queued.`
            : `${admin.label} added ${input.name} without a member system integration, with ${adminIds.length} administrator(s).`,
          detail: {
            name: input.name,
            slug: input.slug,
            system: system ?? null,
            admins: adminIds.length,
            adminUserIds: adminIds,
            ...(system ? { credentials: 'changed', scheduleCron: input.integration?.scheduleCron ?? null } : {}),
          },
        });
      });
      return { orgId, integrationId: integration?.integrationId ?? null, initialSync };
    });
    if (result.initialSync) wakeWorker();
    return result;
  });
}
