import type { Router } from '../../../backend/rpc/router.ts';
import type { BackendContext } from '../../../backend/handlers/context.ts';
import type { Operations } from '../../../shared/contract/operations.ts';
import { createBackendRouter } from '../../../backend/handlers/backend-router.ts';
import { registerDemoSessionHandlers, type DemoSession } from './demo-session.ts';
import { registerDemoOnboardingHandlers } from './demo-onboarding.ts';
import type { OnboardingRegistry } from './demo-registries.ts';

/**
 * The router the embedded demo serves: the backend's handlers, the same as `admin-api`'s, and
 * the demo's session ("acting as" a seeded admin) and practice registries.
 */
export function createEmbeddedRouter(options: {
  session: DemoSession;
  onboarding: readonly OnboardingRegistry[];
  onInternalError: (operation: string, error: unknown) => void;
}): Router<Operations, BackendContext> {
  return createBackendRouter((router) => {
    registerDemoSessionHandlers(router, options.session);
    registerDemoOnboardingHandlers(router, options.onboarding);
  }, options.onInternalError);
}
