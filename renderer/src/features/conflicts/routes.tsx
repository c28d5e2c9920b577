import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route.tsx';
import { ConflictsPage } from './ConflictsPage.tsx';
import { ConflictDetailPage } from './ConflictDetailPage.tsx';
import { ConflictsSearch } from './search.ts';

const conflictsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/conflicts',
  validateSearch: ConflictsSearch,
  component: ConflictsPage,
});
const conflictDetailRoute = createRoute({ getParentRoute: () => rootRoute, path: '/conflicts/$conflictId', component: ConflictDetailPage });

export const conflictsRoutes = [conflictsRoute, conflictDetailRoute];
