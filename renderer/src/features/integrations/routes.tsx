import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route.tsx';
import { IntegrationSettingsPage } from './IntegrationSettingsPage.tsx';

// Another integration's id is another page: a secret shown once, a test result or typed credentials never carry over.
const integrationSettingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/integrations/$integrationId',
  remountDeps: ({ params }) => params,
  component: IntegrationSettingsPage,
});

export const integrationsRoutes = [integrationSettingsRoute];
