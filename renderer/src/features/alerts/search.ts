import { z } from 'zod';

/** The alert list's filters, kept in the URL. */
export const AlertsSearch = z.object({
  orgId: z.uuid().optional().catch(undefined),
  integrationId: z.uuid().optional().catch(undefined),
  status: z.enum(['open', 'all']).optional().catch(undefined),
});
