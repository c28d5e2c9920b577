import { z } from 'zod';
import { DataCategory } from '../../../../shared/domain/member.ts';

/** The queue's filters, kept in the URL; a malformed value in a hand-edited URL falls back to none. */
export const ConflictsSearch = z.object({
  orgId: z.uuid().optional().catch(undefined),
  integrationId: z.uuid().optional().catch(undefined),
  category: DataCategory.optional().catch(undefined),
  status: z.enum(['pending', 'resolved', 'all']).optional().catch(undefined),
});
export type ConflictsSearch = z.infer<typeof ConflictsSearch>;
