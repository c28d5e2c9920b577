import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route.tsx';
import { AuditPage } from './AuditPage.tsx';
import { AuditEventPage } from './AuditEventPage.tsx';
import { AuditSearch } from './search.ts';

const auditRoute = createRoute({ getParentRoute: () => rootRoute, path: '/audit', validateSearch: AuditSearch, component: AuditPage });
const auditEventRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit/$eventId',
  validateSearch: AuditSearch,
  // Another event's id is another page (its filters in the URL are not): focus moves to its heading.
  remountDeps: ({ params }) => params,
  component: AuditEventPage,
});

export const auditRoutes = [auditRoute, auditEventRoute];
