import type { Queryable } from '../db/port.ts';
import { AppError, actorForErrorCode, type ErrorCode, ErrorCode as ErrorCodeSchema } from '../../shared/domain/errors.ts';
import type { JobTrigger, SyncJobView } from '../../shared/contract/schemas.ts';

/** Drivers return timestamptz as Date (PGlite, pg) or as text (inside JSON); the contract wants ISO 8601. */
export function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new Error('Unreadable timestamp from the database');
  return date.toISOString();
}

export function toIsoRequired(value: unknown): string {
  const iso = toIso(value);
  if (iso === null) throw new Error('Missing timestamp from the database');
  return iso;
}

export function errorCodeOf(value: unknown): ErrorCode | null {
  if (value === null || value === undefined) return null;
  const parsed = ErrorCodeSchema.safeParse(value);
  return parsed.success ? parsed.data : 'internal';
}

export interface SyncJobRow {
  id: string;
  integration_id: string;
  kind: 'full' | 'delta';
  status: SyncJobView['status'];
  trigger: JobTrigger;
  dry_run: boolean;
  requested_at: unknown;
  started_at: unknown;
  finished_at: unknown;
  processed: number;
  total: number | null;
  error_code: string | null;
  error_message: string | null;
}

export const SYNC_JOB_COLUMNS =
  'id, integration_id, kind, status, trigger, dry_run, requested_at, started_at, finished_at, processed, total, error_code, error_message';

export function toSyncJobView(row: SyncJobRow): SyncJobView {
  const errorCode = errorCodeOf(row.error_code);
  return {
    id: row.id,
    integrationId: row.integration_id,
    kind: row.kind,
    status: row.status,
    trigger: row.trigger,
    dryRun: row.dry_run,
    requestedAt: toIsoRequired(row.requested_at),
    startedAt: toIso(row.started_at),
    finishedAt: toIso(row.finished_at),
    processed: row.processed,
    total: row.total,
    errorCode,
    errorMessage: row.error_message,
    errorActor: errorCode ? actorForErrorCode(errorCode) : null,
  };
}

/**
 * Queues a job as the caller (RLS: admins of the integration's organization; the job names them
 * as its requester), unless one is already queued or running: the partial unique index allows
 * one per integration. Null when one was.
 */
export async function insertAdminJob(
  tx: Queryable,
  job: { integrationId: string; orgId: string; kind: 'full' | 'delta'; dryRun: boolean },
): Promise<SyncJobRow | null> {
  const { rows } = await tx.query<SyncJobRow>(
    `insert into sync.sync_jobs (integration_id, org_id, kind, dry_run, requested_by)
     values ($1, $2, $3, $4, (select auth.uid()))
     on conflict (integration_id) where status in ('queued', 'running') do nothing
     returning ${SYNC_JOB_COLUMNS}`,
    [job.integrationId, job.orgId, job.kind, job.dryRun],
  );
  return rows[0] ?? null;
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found, or you do not have access to it.`, 'org_admin');
}
