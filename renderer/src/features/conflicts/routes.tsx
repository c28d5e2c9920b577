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
// Another conflict's id is another page: its state starts afresh and focus moves to its heading.
const conflictDetailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/conflicts/$conflictId',
  remountDeps: ({ params }) => params,
  component: ConflictDetailPage,
});

export const conflictsRoutes = [conflictsRoute, conflictDetailRoute];
