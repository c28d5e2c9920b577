import { createHashHistory, createRouter, type RouterHistory } from '@tanstack/react-router';
import { rootRoute } from './root-route.tsx';
import { healthRoutes } from '../features/health/routes.tsx';
import { runsRoutes } from '../features/runs/routes.tsx';
import { conflictsRoutes } from '../features/conflicts/routes.tsx';
import { rulesRoutes } from '../features/rules/routes.tsx';
import { auditRoutes } from '../features/audit/routes.tsx';
import { alertsRoutes } from '../features/alerts/routes.tsx';
import { integrationsRoutes } from '../features/integrations/routes.tsx';
import { onboardingRoutes } from '../features/onboarding/routes.tsx';
import { enrichmentRoutes } from '../features/enrichment/routes.tsx';

const routeTree = rootRoute.addChildren([
  ...healthRoutes,
  ...runsRoutes,
  ...conflictsRoutes,
  ...rulesRoutes,
  ...auditRoutes,
  ...alertsRoutes,
  ...integrationsRoutes,
  ...onboardingRoutes,
  ...enrichmentRoutes,
]);

/**
 * Hash routes, because the renderer loads from file://: the screen and its filters live in the
 * URL after `#`, so they survive moving between screens and a reload.
 */
export function createConsoleRouter(history: RouterHistory = createHashHistory()) {
  return createRouter({ routeTree, history, defaultPreload: false, scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createConsoleRouter>;
  }
}
