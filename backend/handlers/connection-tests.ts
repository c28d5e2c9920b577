import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { CONNECTION_TEST_DEADLINE_MS } from '../../shared/contract/integrations.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { asCaller } from '../db/as-caller.ts';
import { runConnectionTest } from '../engine/connection-test.ts';
import { requireUser, type BackendContext } from './context.ts';
import { readIntegrationRow } from './integration-view.ts';
import { callerIsGlobal, requireGlobal, testFormConnection } from './integration-writes.ts';
import { withServiceRole } from './service-role.ts';

/**
 * `integrations.testConnection`: who may ask. Saved credentials and form credentials for an
 * integration: its admins (RLS, else not_found). Form credentials for no integration yet (an
 * organization being onboarded): global admins only, so the backend is no one's port scanner.
 * The credentials are used for this one exchange, in memory: never stored, logged or returned.
 */
export function registerConnectionTestHandlers(router: Router<Operations, BackendContext>): void {
  router.register('integrations.testConnection', async (input, { db, caller, setup, resolveSource }) => {
    requireUser(caller);
    const deadlineMs = setup.testDeadlineMs ?? CONNECTION_TEST_DEADLINE_MS;

    if (input.source === 'saved') {
      const row = await asCaller(db, caller, (tx) => readIntegrationRow(tx, input.integrationId));
      const result = await runConnectionTest(() => resolveSource(row.id), { deadlineMs, credentialKind: row.auth_kind });
      if (result.outcome === 'connected') {
        await asCaller(db, caller, (tx) =>
          withServiceRole(tx, (service) => service.query(`update sync.integrations set credentials_verified_at = now() where id = $1`, [row.id])),
        );
      }
      return result;
    }

    const { connection } = input;
    if (input.integrationId === undefined) {
      requireGlobal(await callerIsGlobal(db, caller), 'test a connection for an organization that has no integration yet');
    } else {
      const integrationId = input.integrationId;
      const row = await asCaller(db, caller, (tx) => readIntegrationRow(tx, integrationId));
      if (row.system !== connection.system) {
        throw new AppError('invalid_input', `This integration is for ${row.system}, not ${connection.system}.`, 'org_admin', [
          { path: 'connection.system', message: 'Not the member system of this integration.' },
        ]);
      }
    }
    return testFormConnection(setup, connection);
  });
}
