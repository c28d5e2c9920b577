import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route.tsx';
import { RunHistoryPage } from './RunHistoryPage.tsx';
import { RunDetailPage } from './RunDetailPage.tsx';

const runHistoryRoute = createRoute({ getParentRoute: () => rootRoute, path: '/integrations/$integrationId/runs', component: RunHistoryPage });
// Another run's id is another page: its state (a decision's outcome) starts afresh and focus moves to its heading.
const runDetailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs/$runId',
  remountDeps: ({ params }) => params,
  component: RunDetailPage,
});

export const runsRoutes = [runHistoryRoute, runDetailRoute];
