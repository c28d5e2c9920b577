import { z } from 'zod';
import { ErrorCode } from '../domain/errors.ts';
import { isStorableText } from '../domain/storable.ts';
import { AdminRef, isoDateTime } from './schemas.ts';
import { PageCursor, PageLimit, pageOf } from './pagination.ts';

/**
 * Vipps personnummer enrichment, as the console sees it. The number itself never crosses this
 * contract: only whether and when it was written, and why not.
 */

const count = z.number().int().nonnegative();
const isoDate = z.iso.date();

/**
 * Why an organization may store the number it gets from Vipps. Vipps grants the `nin` scope
 * only for a stated legal requirement or objective need, and the register must be able to show
 * it; a few words are not a basis, so it must say something.
 */
export const LegalBasis = z
  .string()
  .trim()
  .min(20, { message: 'Describe the legal basis in at least 20 characters.', abort: true })
  .max(2000, 'Keep the legal basis under 2000 characters.')
  // The database counts characters, not UTF-16 units: 20 units can be 10 emoji.
  .refine((text) => [...text].length >= 20, 'Describe the legal basis in at least 20 characters.')
  .refine(isStorableText, 'The legal basis contains a character that cannot be stored.');

export const EnrichmentSettingsView = z.object({
  enabled: z.boolean(),
  legalBasis: z.string().nullable(),
  /** Who last switched enrichment on, and when. */
  enabledBy: AdminRef.nullable(),
  enabledAt: isoDateTime.nullable(),
  /** The first time it was switched on: the statistics count from here. */
  activatedAt: isoDateTime.nullable(),
});
export type EnrichmentSettingsView = z.infer<typeof EnrichmentSettingsView>;

/** New enrichments in one week (Monday, Oslo time). */
export const EnrichmentWeek = z.object({ weekStart: isoDate, enriched: count });
export type EnrichmentWeek = z.infer<typeof EnrichmentWeek>;

export const EnrichmentStats = z.object({
  /** Members 15 or older without a personnummer when enrichment was switched on. */
  baselineMissing: count.nullable(),
  /** Members under 15 without one then: Vipps Login is closed to them, so they are left out of the percentage. */
  baselineUnder15: count.nullable(),
  /** Members whose number has been written to the registry since activation. */
  enriched: count,
  /** Of those, members who were in the baseline. */
  enrichedFromBaseline: count,
  /** enrichedFromBaseline ÷ baselineMissing, 0–100 with one decimal; null without a baseline. */
  percentFilled: z.number().min(0).max(100).nullable(),
  /** Members under 15 without a number today. */
  under15Missing: count,
  latestEnrichmentAt: isoDateTime.nullable(),
  /** Every week from activation to now, empty weeks included. */
  weekly: z.array(EnrichmentWeek).max(600),
  /** Writes still being tried, writes that stopped failing, and birth-date cases to check. */
  pending: count,
  failed: count,
  toReview: count,
});
export type EnrichmentStats = z.infer<typeof EnrichmentStats>;

export const OrgEnrichment = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  settings: EnrichmentSettingsView,
  stats: EnrichmentStats,
});
export type OrgEnrichment = z.infer<typeof OrgEnrichment>;

export const EnrichmentOverviewInput = z.object({ orgId: z.uuid().optional() }).strict();

export const EnrichmentOverview = z.object({
  organizations: z.array(OrgEnrichment),
  /** Global admins only: every organization added up. */
  total: z
    .object({
      baselineMissing: count,
      enriched: count,
      enrichedFromBaseline: count,
      percentFilled: z.number().min(0).max(100).nullable(),
      under15Missing: count,
      latestEnrichmentAt: isoDateTime.nullable(),
    })
    .nullable(),
});
export type EnrichmentOverview = z.infer<typeof EnrichmentOverview>;

export const UpdateEnrichmentSettingsInput = z.discriminatedUnion('enabled', [
  z.object({ orgId: z.uuid(), enabled: z.literal(true), legalBasis: LegalBasis }).strict(),
  z.object({ orgId: z.uuid(), enabled: z.literal(false) }).strict(),
]);
export type UpdateEnrichmentSettingsInput = z.infer<typeof UpdateEnrichmentSettingsInput>;

export const EnrichmentAttemptView = z.object({
  attemptedAt: isoDateTime,
  succeeded: z.boolean(),
  errorCode: ErrorCode.nullable(),
  /** The registry's reason in words, with anything that could be a number taken out. */
  message: z.string().nullable(),
});
export type EnrichmentAttemptView = z.infer<typeof EnrichmentAttemptView>;

/** A member record the number was, or could not be, written to. Names are for this session's screen only. */
export const EnrichmentEventView = z.object({
  eventId: z.uuid(),
  orgId: z.uuid(),
  integrationId: z.uuid(),
  system: z.enum(['cornerstone', 'consio']),
  memberId: z.uuid(),
  memberName: z.string(),
  /** The registry's member id. */
  externalId: z.string().nullable(),
  outcome: z.enum(['pending', 'written', 'already_held', 'failed', 'needs_review']),
  reviewReason: z.enum(['birth_date_mismatch', 'birth_date_missing']).nullable(),
  loggedInAt: isoDateTime,
  completedAt: isoDateTime.nullable(),
  attempts: count,
  lastErrorCode: ErrorCode.nullable(),
  lastErrorAt: isoDateTime.nullable(),
  /**
   * Until when the service still holds the number to retry with. After it, or once a retry is
   * no longer possible, the number is written at the member's next Vipps login instead.
   */
  heldUntil: isoDateTime.nullable(),
  reviewedBy: AdminRef.nullable(),
  reviewedAt: isoDateTime.nullable(),
  /** The latest attempts, newest first (at most ten). */
  recentAttempts: z.array(EnrichmentAttemptView).max(10),
});
export type EnrichmentEventView = z.infer<typeof EnrichmentEventView>;

export const EnrichmentListInput = z
  .object({
    orgId: z.uuid().optional(),
    /** `failures`: writes not done (still retrying, or stopped); `reviews`: birth dates to check, not yet checked. */
    list: z.enum(['failures', 'reviews']),
    cursor: PageCursor.optional(),
    limit: PageLimit,
  })
  .strict();

export const EnrichmentEventPage = pageOf(EnrichmentEventView);

export const EnrichmentEventIdInput = z.object({ eventId: z.uuid() }).strict();

export const EnrichmentRetryOutput = z.object({
  /**
   * `written`: done now (or the registry turned out to hold a number already); `retrying`: tried
   * now, failed, and retrying goes on; `failed`: tried now and refused for good (the reason is on
   * the event); `not_held`: the service no longer holds the number, so it is written at the
   * member's next Vipps login.
   */
  result: z.enum(['written', 'retrying', 'failed', 'not_held']),
  event: EnrichmentEventView,
});
export type EnrichmentRetryOutput = z.infer<typeof EnrichmentRetryOutput>;
