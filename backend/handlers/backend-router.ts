import { createRouter, type Router } from '../rpc/router.ts';
import { operations, type Operations } from '../../shared/contract/operations.ts';
import type { BackendContext } from './context.ts';
import { registerBackendHandlers } from './index.ts';

/**
 * A host's router: the backend's handlers, the same in every host, and what the host adds itself
 * (the session, and in the demo its practice registries). Throws if any operation of the
 * contract is left without a handler, so a host cannot start serving half the contract.
 */
export function createBackendRouter(
  registerHostHandlers: (router: Router<Operations, BackendContext>) => void,
  onInternalError: (operation: string, error: unknown) => void,
): Router<Operations, BackendContext> {
  const router = createRouter<Operations, BackendContext>(operations, { onInternalError });
  registerBackendHandlers(router);
  registerHostHandlers(router);
  const missing = router.missing();
  if (missing.length > 0) throw new Error(`Operations without a handler: ${missing.join(', ')}`);
  return router;
}
