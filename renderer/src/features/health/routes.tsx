import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route.tsx';
import { HealthPage } from './HealthPage.tsx';

const healthRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HealthPage });

export const healthRoutes = [healthRoute];
