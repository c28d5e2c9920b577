import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route.tsx';
import { AlertsPage } from './AlertsPage.tsx';
import { AlertsSearch } from './search.ts';

const alertsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/alerts', validateSearch: AlertsSearch, component: AlertsPage });

export const alertsRoutes = [alertsRoute];
