import { z } from 'zod';
import { AbsentMemberAction } from '../domain/conflict-rules.ts';
import { ErrorActor, ErrorCode } from '../domain/errors.ts';
import { MAX_QUARANTINE_PROBLEMS, QuarantineProblemEntry } from '../domain/quarantine.ts';
import { AdminRef, isoDateTime, JobTrigger, SyncRunStatus } from './schemas.ts';
import { PageCursor, PageLimit, pageOf } from './pagination.ts';

const count = z.number().int().nonnegative();

/** What a held or dry full run would lapse or remove. */
export const RunDeactivationSummary = z.object({
  deactivations: count,
  absent: count,
  absentAction: AbsentMemberAction,
  members: count,
  threshold: count,
  /** Registry ids of up to 20 members the registry no longer lists. */
  sampleAbsent: z.array(z.string()),
});
export type RunDeactivationSummary = z.infer<typeof RunDeactivationSummary>;

export const SyncRunCounts = z.object({
  /** What the registry said it holds; null until its first page. */
  total: count.nullable(),
  seen: count,
  created: count,
  updated: count,
  unchanged: count,
  /** Records the registry served that our model rejects, set aside. */
  quarantined: count,
  lapsed: count,
  removed: count,
  conflictsDetected: count,
  /** Of those, the ones waiting in the manual review queue. */
  conflictsQueued: count,
});
export type SyncRunCounts = z.infer<typeof SyncRunCounts>;

export const SyncRunView = z.object({
  id: z.uuid(),
  jobId: z.uuid(),
  integrationId: z.uuid(),
  orgId: z.uuid(),
  kind: z.enum(['full', 'delta']),
  status: SyncRunStatus,
  /** What queued the run's job: the schedule or an admin. */
  trigger: JobTrigger,
  /** A dry run reports what a full sync would change and applies nothing. */
  dryRun: z.boolean(),
  startedAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  durationMs: count.nullable(),
  counts: SyncRunCounts,
  /** Full runs only: what the safety guard counted. */
  summary: RunDeactivationSummary.nullable(),
  decidedBy: AdminRef.nullable(),
  decidedAt: isoDateTime.nullable(),
  errorCode: ErrorCode.nullable(),
  errorMessage: z.string().nullable(),
  errorActor: ErrorActor.nullable(),
});
export type SyncRunView = z.infer<typeof SyncRunView>;

export const RunsListInput = z
  .object({
    integrationId: z.uuid().optional(),
    orgId: z.uuid().optional(),
    status: SyncRunStatus.optional(),
    cursor: PageCursor.optional(),
    limit: PageLimit,
  })
  .strict();

export const SyncRunPage = pageOf(SyncRunView);

export const RunIdInput = z.object({ runId: z.uuid() }).strict();

/**
 * A record the registry served that our model rejected, set aside by a run. Only the registry's
 * id and the reason are kept (field paths and problems, never values): no personnummer, no names.
 */
export const QuarantinedRecordView = z.object({
  id: z.uuid(),
  /** The registry's id of the record; null when the record did not carry a usable one. */
  externalId: z.string().nullable(),
  /** The adapter's English description: only a fallback, for rows stored before `problems`. */
  reason: z.string(),
  /**
   * Why the record was set aside, as codes the console words for itself: the canonical field
   * (null when the record as a whole is at fault) and the problem, at most ten, never a value.
   * Empty for records quarantined before these were kept.
   */
  problems: z.array(QuarantineProblemEntry).max(MAX_QUARANTINE_PROBLEMS),
  firstSeenAt: isoDateTime,
  lastSeenAt: isoDateTime,
  /** Runs (and webhook deliveries) that met the record in this state. */
  occurrences: z.number().int().positive(),
  /** Set when a later full run no longer met it: fixed in the registry, or gone. */
  resolvedAt: isoDateTime.nullable(),
});
export type QuarantinedRecordView = z.infer<typeof QuarantinedRecordView>;

/**
 * The records a run set aside, most recently seen first (keyset). A record set aside again by a
 * later run, or by a webhook delivery, belongs to that later one. A dry run stores none: its
 * `counts.quarantined` says how many it would have set aside.
 */
export const RunQuarantinedInput = z.object({ runId: z.uuid(), cursor: PageCursor.optional(), limit: PageLimit }).strict();

export const QuarantinedRecordPage = pageOf(QuarantinedRecordView);
