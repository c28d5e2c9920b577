import type { Router } from '../../../backend/rpc/router.ts';
import type { BackendContext } from '../../../backend/handlers/context.ts';
import { asCaller } from '../../../backend/db/as-caller.ts';
import { requireUser } from '../../../backend/handlers/context.ts';
import { callerIsGlobal } from '../../../backend/handlers/integration-writes.ts';
import type { Operations } from '../../../shared/contract/operations.ts';
import type { OnboardingRegistry } from './demo-registries.ts';

/**
 * `demo.registries`, embedded demo only: the fresh simulated registries an admin can onboard a
 * practice organization against, less those an integration already uses. Their credentials are
 * the simulators' synthetic demo values, never an organization's; a remote host has none.
 */
export function registerDemoOnboardingHandlers(router: Router<Operations, BackendContext>, registries: readonly OnboardingRegistry[]): void {
  router.register('demo.registries', async (_input, { db, caller }) => {
    requireUser(caller);
    // Practice registries are for onboarding, which only a global admin may do.
    if (registries.length === 0 || !(await callerIsGlobal(db, caller))) return [];
    const used = await asCaller(db, { kind: 'service' }, async (tx) => {
      const { rows } = await tx.query<{ base_url: string }>(`select base_url from sync.integrations where base_url = any($1::text[])`, [
        registries.map((registry) => registry.entry.connection.baseUrl),
      ]);
      return new Set(rows.map((row) => row.base_url));
    });
    return registries.filter((registry) => !used.has(registry.entry.connection.baseUrl)).map((registry) => registry.entry);
  });
}
