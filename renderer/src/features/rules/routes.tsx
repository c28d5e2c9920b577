import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route.tsx';
import { RulesPage } from './RulesPage.tsx';

const rulesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/organizations/$orgId/rules', component: RulesPage });

export const rulesRoutes = [rulesRoute];
