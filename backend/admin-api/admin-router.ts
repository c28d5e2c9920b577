import type { Router } from '../rpc/router.ts';
import type { BackendContext } from '../handlers/context.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { createBackendRouter } from '../handlers/backend-router.ts';
import { registerRemoteSessionHandlers } from './remote-session.ts';

/** The router `admin-api` serves: the backend's handlers, and the session as the signed-in admin's own. */
export function createAdminApiRouter(onInternalError: (operation: string, error: unknown) => void): Router<Operations, BackendContext> {
  return createBackendRouter(registerRemoteSessionHandlers, onInternalError);
}
