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

export const SyncJobView = z.object({
  id: z.uuid(),
  integrationId: z.uuid(),
  kind: z.enum(['full', 'delta']),
  status: SyncJobStatus,
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
  status: SyncRunStatus,
  startedAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  recordsSeen: z.number().int().nonnegative(),
  recordsCreated: z.number().int().nonnegative(),
  recordsUpdated: z.number().int().nonnegative(),
  recordsFailed: z.number().int().nonnegative(),
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
  health: HealthState,
  lastSuccessAt: isoDateTime.nullable(),
  memberCount: z.number().int().nonnegative(),
  lastRun: SyncRunSummary.nullable(),
  activeJob: SyncJobView.nullable(),
});
export type IntegrationHealth = z.infer<typeof IntegrationHealth>;
