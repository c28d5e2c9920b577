import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import type { BackendContext } from './context.ts';
import { registerHealthHandlers } from './health.ts';
import { registerOrganizationHandlers } from './organizations.ts';
import { registerSyncHandlers } from './sync.ts';

/** The backend's operations, the same in the embedded host and in the `admin-api` Edge Function. */
export function registerBackendHandlers(router: Router<Operations, BackendContext>): void {
  registerOrganizationHandlers(router);
  registerHealthHandlers(router);
  registerSyncHandlers(router);
}
