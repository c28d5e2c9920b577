import { z } from 'zod';
import { ErrorActor, ErrorCode } from '../domain/errors.ts';
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
  'enrichment_write_late',
]);
export type AlertKind = z.infer<typeof AlertKind>;

const count = z.number().int().nonnegative();

/**
 * The values behind an alert, so a renderer can build its own sentence per `kind` and `message`
 * is only the English fallback. Which fields each kind carries (all written by the engine):
 * - `credentials_failed`: runId (the failed run), errorCode;
 * - `repeated_failures`: runId (the latest), errorCode, failures (how many in a row);
 * - `stale_late`, `stale_error`: lastSuccessAt, hoursSinceSuccess, errorCode (latest failure, if any);
 * - `webhook_signature`: refusal (`signature_missing`, `signature_malformed`, `signature_mismatch`);
 * - `run_held`: runId (the held run, for runs.approve / runs.reject), deactivations, absent, threshold;
 * - `source_write_failed`: writeId, externalId (the registry's member id), category, errorCode,
 *   conflictId (the conflict whose decision the write carried);
 * - `records_quarantined`: runId, quarantined (records set aside by that run; runs.quarantined lists them);
 * - `enrichment_write_late`: eventId (the enrichment the latest late write was for), externalId, errorCode (its latest failure, if any).
 * Alerts raised before a field existed may lack it; keys this version does not know pass through.
 */
export const AlertDetail = z
  .object({
    runId: z.uuid().optional(),
    errorCode: ErrorCode.optional(),
    failures: count.optional(),
    lastSuccessAt: isoDateTime.optional(),
    hoursSinceSuccess: count.optional(),
    refusal: z.string().optional(),
    deactivations: count.optional(),
    absent: count.optional(),
    threshold: count.optional(),
    writeId: z.uuid().optional(),
    conflictId: z.uuid().optional(),
    externalId: z.string().optional(),
    category: z.string().optional(),
    quarantined: count.optional(),
    eventId: z.uuid().optional(),
  })
  .catchall(z.unknown());
export type AlertDetail = z.infer<typeof AlertDetail>;

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
  detail: AlertDetail.nullable(),
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
