import { createRouter, type Router } from '../../../backend/rpc/router.ts';
import { registerBackendHandlers } from '../../../backend/handlers/index.ts';
import type { BackendContext } from '../../../backend/handlers/context.ts';
import { operations, type Operations } from '../../../shared/contract/operations.ts';
import { registerDemoSessionHandlers, type DemoSession } from './demo-session.ts';
import { registerDemoOnboardingHandlers } from './demo-onboarding.ts';
import type { OnboardingRegistry } from './demo-registries.ts';

/**
 * The router the embedded demo serves: the backend's handlers, the same as `admin-api`'s, and
 * the demo's session ("acting as" a seeded admin) and practice registries. Throws if any
 * operation of the contract has no handler.
 */
export function createEmbeddedRouter(options: {
  session: DemoSession;
  onboarding: readonly OnboardingRegistry[];
  onInternalError: (operation: string, error: unknown) => void;
}): Router<Operations, BackendContext> {
  const router = createRouter<Operations, BackendContext>(operations, { onInternalError: options.onInternalError });
  registerBackendHandlers(router);
  registerDemoSessionHandlers(router, options.session);
  registerDemoOnboardingHandlers(router, options.onboarding);
  const missing = router.missing();
  if (missing.length > 0) throw new Error(`Operations without a handler: ${missing.join(', ')}`);
  return router;
}
