import { z } from 'zod';

/** The organization the screen is narrowed to, kept in the URL like every screen's filters; a malformed id means all. */
export const EnrichmentSearch = z.object({
  orgId: z.uuid().optional().catch(undefined),
});
