import { z } from 'zod';
import { HealthState } from '../domain/health.ts';
import { MemberSystem } from '../domain/integration.ts';
import { ErrorActor, ErrorCode } from '../domain/errors.ts';

export const isoDateTime = z.iso.datetime({ offset: true });

export const Organization = z.object({ id: z.uuid(), name: z.string(), slug: z.string() });
export type Organization = z.infer<typeof Organization>;

export const SignedInAdmin = z.object({
  userId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  isGlobal: z.boolean(),
  orgIds: z.array(z.uuid()),
});
export type SignedInAdmin = z.infer<typeof SignedInAdmin>;

export const Session = z.object({
  mode: z.enum(['embedded-demo', 'remote']),
  admin: SignedInAdmin.nullable(),
  /** Demo mode only: the seeded admins one may act as, to see scoping. */
  demoIdentities: z.array(SignedInAdmin),
});
export type Session = z.infer<typeof Session>;

export const SyncJobStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type SyncJobStatus = z.infer<typeof SyncJobStatus>;

/** What queued a job: the integration's schedule, or an admin's "Sync now". A retry after a crash is the same job. */
export const JobTrigger = z.enum(['schedule', 'manual']);
export type JobTrigger = z.infer<typeof JobTrigger>;

export const SyncJobView = z.object({
  id: z.uuid(),
  integrationId: z.uuid(),
  kind: z.enum(['full', 'delta']),
  status: SyncJobStatus,
  trigger: JobTrigger,
  /** A preview: reports what a full sync would change and applies nothing. */
  dryRun: z.boolean(),
  requestedAt: isoDateTime,
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
  processed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  errorCode: ErrorCode.nullable(),
  errorMessage: z.string().nullable(),
  errorActor: ErrorActor.nullable(),
});
export type SyncJobView = z.infer<typeof SyncJobView>;

/**
 * A run's outcome. `awaiting_approval`: the safety guard held its deactivations until an admin
 * decides; `rejected`: an admin refused them; `superseded`: a later full run replaced it.
 */
export const syncRunStatuses = ['running', 'succeeded', 'failed', 'cancelled', 'awaiting_approval', 'rejected', 'superseded'] as const;
export const SyncRunStatus = z.enum(syncRunStatuses);
export type SyncRunStatus = z.infer<typeof SyncRunStatus>;

/** An admin named in a record (who decided, acknowledged, changed a rule). */
export const AdminRef = z.object({ userId: z.uuid(), displayName: z.string() });
export type AdminRef = z.infer<typeof AdminRef>;

export const SyncRunSummary = z.object({
  id: z.uuid(),
  kind: z.enum(['full', 'delta']),
  status: SyncRunStatus,
  /** What queued the run's job. */
  trigger: JobTrigger,
  startedAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  recordsSeen: z.number().int().nonnegative(),
  recordsCreated: z.number().int().nonnegative(),
  recordsUpdated: z.number().int().nonnegative(),
  recordsQuarantined: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative().nullable(),
  errorCode: ErrorCode.nullable(),
  errorMessage: z.string().nullable(),
});
export type SyncRunSummary = z.infer<typeof SyncRunSummary>;

export const IntegrationHealth = z.object({
  integrationId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  system: MemberSystem,
  displayName: z.string(),
  enabled: z.boolean(),
  /** Whether the registry pushes changes (Cornerstone webhooks); without, only the scheduled syncs bring them. */
  webhooksSupported: z.boolean(),
  health: HealthState,
  lastSuccessAt: isoDateTime.nullable(),
  memberCount: z.number().int().nonnegative(),
  /** The latest run of either kind that is not a dry run, running ones included; health derives from it. */
  lastRun: SyncRunSummary.nullable(),
  /** The latest full run (not a dry run), whatever its outcome: a later delta never hides it. */
  lastFullRun: SyncRunSummary.nullable(),
  /** The latest delta run. */
  lastDeltaRun: SyncRunSummary.nullable(),
  /** The latest dry run (a preview of a full sync), so its report is one link away from the board. */
  lastPreviewRun: SyncRunSummary.nullable(),
  /** The run held by the safety guard, waiting for an admin to approve or reject it (runs.approve). */
  heldRunId: z.uuid().nullable(),
  /** Conflicts of this integration waiting in the manual review queue. */
  pendingConflicts: z.number().int().nonnegative(),
  /**
   * Open alerts of this integration, and how many of them are errors (the rest are warnings).
   * Every alert belongs to an integration, so the board sums an organization's error count over
   * its integrations (grouped by `orgId`, with a failed last sync counting as at least one error);
   * no separate per-organization summary is sent.
   */
  openAlerts: z.object({
    total: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
    /** Open alerts no admin has acknowledged yet: what the navigation's badge counts. */
    unacknowledged: z.number().int().nonnegative(),
  }),
  /** The queued or running job, with what queued it; null when none. */
  activeJob: SyncJobView.nullable(),
});
export type IntegrationHealth = z.infer<typeof IntegrationHealth>;
