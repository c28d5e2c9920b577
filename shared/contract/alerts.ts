import { z } from 'zod';
import { ErrorActor } from '../domain/errors.ts';
import { AdminRef, isoDateTime } from './schemas.ts';
import { PageCursor, PageLimit, pageOf } from './pagination.ts';

export const AlertKind = z.enum([
  'credentials_failed',
  'repeated_failures',
  'stale_late',
  'stale_error',
  'webhook_signature',
  'run_held',
  'source_write_failed',
  'records_quarantined',
]);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertView = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  integrationId: z.uuid().nullable(),
  kind: AlertKind,
  severity: z.enum(['warning', 'error']),
  /** Who must act. */
  actor: ErrorActor,
  message: z.string(),
  status: z.enum(['open', 'resolved']),
  occurrences: z.number().int().positive(),
  firstRaisedAt: isoDateTime,
  lastRaisedAt: isoDateTime,
  acknowledgedBy: AdminRef.nullable(),
  acknowledgedAt: isoDateTime.nullable(),
  resolvedAt: isoDateTime.nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AlertView = z.infer<typeof AlertView>;

export const AlertsListInput = z
  .object({
    orgId: z.uuid().optional(),
    integrationId: z.uuid().optional(),
    status: z.enum(['open', 'all']).default('open'),
    cursor: PageCursor.optional(),
    limit: PageLimit,
  })
  .strict();

export const AlertPage = pageOf(AlertView);

export const AlertIdInput = z.object({ alertId: z.uuid() }).strict();
