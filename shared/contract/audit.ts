import { z } from 'zod';
import { ErrorCode } from '../domain/errors.ts';
import { isoDateTime } from './schemas.ts';
import { Instant } from '../domain/storable.ts';
import { PageCursor, PageLimit, pageOf } from './pagination.ts';

export const auditEventTypes = [
  'sync_run',
  'webhook',
  'webhook_rejected',
  'conflict_resolved',
  'conflict_override',
  'run_approved',
  'run_rejected',
  'rules_changed',
  'settings_changed',
  'integration_changed',
  'source_write',
  'alert_acknowledged',
  /** An admin cancelled a queued or running sync (`sync.cancel`). */
  'sync_cancelled',
  /** A global admin onboarded an organization (`organizations.onboard`). */
  'organization_onboarded',
  /** An admin switched Vipps enrichment on or off, or changed its legal basis (`enrichment.updateSettings`). */
  'enrichment_changed',
] as const;
export const AuditEventType = z.enum(auditEventTypes);
export type AuditEventType = z.infer<typeof AuditEventType>;

export const AuditErrorCategory = z.enum(['configuration', 'credentials', 'registry', 'data', 'security', 'internal']);

export const AuditEventView = z.object({
  id: z.uuid(),
  occurredAt: isoDateTime,
  orgId: z.uuid(),
  integrationId: z.uuid().nullable(),
  type: AuditEventType,
  actor: z.object({ kind: z.enum(['admin', 'engine', 'registry']), id: z.uuid().nullable(), label: z.string() }),
  runId: z.uuid().nullable(),
  /** What happened, in a sentence an admin can read. */
  summary: z.string(),
  counts: z.record(z.string(), z.number()).nullable(),
  outcome: z.enum(['ok', 'warning', 'error']),
  errorCode: ErrorCode.nullable(),
  errorCategory: AuditErrorCategory.nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

/** One field of one member, before and after. Personnummer appears only as "set" / "not set". */
export const AuditFieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const AuditMemberChange = z.object({
  /** Increasing in the order the changes were recorded. */
  id: z.string().regex(/^\d+$/),
  memberId: z.uuid(),
  externalId: z.string().nullable(),
  memberName: z.string().nullable(),
  change: z.enum(['updated', 'deactivated', 'lapsed_absent', 'removed_absent', 'returned', 'conflict']),
  fields: z.array(AuditFieldChange),
  ruleVersion: z.number().int().nonnegative().nullable(),
  occurredAt: isoDateTime,
});
export type AuditMemberChange = z.infer<typeof AuditMemberChange>;

/**
 * Whose events to list, as `AuditEventView.actor` names them: one admin (by user id), or the
 * engine, or a registry (neither has an id).
 */
export const AuditActorFilter = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('admin'), id: z.uuid() }).strict(),
  z.object({ kind: z.literal('engine') }).strict(),
  z.object({ kind: z.literal('registry') }).strict(),
]);
export type AuditActorFilter = z.infer<typeof AuditActorFilter>;

export const AuditListInput = z
  .object({
    orgId: z.uuid().optional(),
    integrationId: z.uuid().optional(),
    types: z.array(AuditEventType).min(1).max(auditEventTypes.length).optional(),
    actor: AuditActorFilter.optional(),
    /** Inclusive. */
    from: Instant.optional(),
    /** Exclusive. */
    to: Instant.optional(),
    cursor: PageCursor.optional(),
    limit: PageLimit,
  })
  .strict()
  .refine((input) => input.from === undefined || input.to === undefined || Date.parse(input.from) < Date.parse(input.to), {
    path: ['to'],
    message: 'The end of the period must be after its start.',
  });

export const AuditEventPage = pageOf(AuditEventView);

/** At most this many admins are offered as "Done by": far more than any organization has. */
export const MAX_AUDIT_ACTORS = 200;

export const AuditActorsInput = z.object({ orgId: z.uuid().optional() }).strict();

/**
 * The admins who appear in the audit trail the caller can read (of one organization, if asked),
 * each with the name their latest event recorded, sorted by name: the choices for filtering by
 * who did it. Read from the trail, not the admin list, which an organization's admin may not read.
 */
export const AuditActors = z.array(z.object({ id: z.uuid(), name: z.string() })).max(MAX_AUDIT_ACTORS);
export type AuditActors = z.infer<typeof AuditActors>;

export const AuditGetInput = z
  .object({
    eventId: z.uuid(),
    changesCursor: PageCursor.optional(),
    changesLimit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const AuditEventDetail = z.object({
  event: AuditEventView,
  /** The members the event changed, oldest change first. */
  changes: pageOf(AuditMemberChange),
});
