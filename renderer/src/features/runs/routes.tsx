import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route.tsx';
import { RunHistoryPage } from './RunHistoryPage.tsx';
import { RunDetailPage } from './RunDetailPage.tsx';

const runHistoryRoute = createRoute({ getParentRoute: () => rootRoute, path: '/integrations/$integrationId/runs', component: RunHistoryPage });
const runDetailRoute = createRoute({ getParentRoute: () => rootRoute, path: '/runs/$runId', component: RunDetailPage });

export const runsRoutes = [runHistoryRoute, runDetailRoute];
