import { createRouter, type Router } from '../rpc/router.ts';
import { registerBackendHandlers } from '../handlers/index.ts';
import type { BackendContext } from '../handlers/context.ts';
import { operations, type Operations } from '../../shared/contract/operations.ts';
import { registerRemoteSessionHandlers } from './remote-session.ts';

/**
 * The router `admin-api` serves: the backend's handlers, the same as the embedded host's, and
 * the session as the signed-in admin's own. Throws if any operation of the contract has no handler.
 */
export function createAdminApiRouter(onInternalError: (operation: string, error: unknown) => void): Router<Operations, BackendContext> {
  const router = createRouter<Operations, BackendContext>(operations, { onInternalError });
  registerBackendHandlers(router);
  registerRemoteSessionHandlers(router);
  const missing = router.missing();
  if (missing.length > 0) throw new Error(`Operations without a handler: ${missing.join(', ')}`);
  return router;
}
