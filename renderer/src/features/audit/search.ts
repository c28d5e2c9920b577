import { z } from 'zod';
import { AuditEventType } from '../../../../shared/contract/audit.ts';

const Day = z.iso.date();

/**
 * The audit filters, kept in the URL so they persist while an admin opens entries and comes
 * back. Days are Oslo calendar days (`2026-11-30`); a malformed value falls back to none.
 */
export const AuditSearch = z.object({
  orgId: z.uuid().optional().catch(undefined),
  integrationId: z.uuid().optional().catch(undefined),
  types: z.array(AuditEventType).optional().catch(undefined),
  from: Day.optional().catch(undefined),
  to: Day.optional().catch(undefined),
});
export type AuditSearch = z.infer<typeof AuditSearch>;
