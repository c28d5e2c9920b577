import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route.tsx';
import { EnrichmentPage } from './EnrichmentPage.tsx';
import { EnrichmentSearch } from './search.ts';

const enrichmentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/enrichment',
  validateSearch: EnrichmentSearch,
  component: EnrichmentPage,
});

export const enrichmentRoutes = [enrichmentRoute];
