import { z } from 'zod';
import type { Queryable } from '../db/port.ts';
import { actorForErrorCode, ErrorCode } from '../../shared/domain/errors.ts';
import { raiseAlert, resolveAlerts } from './alerts.ts';
import { errorCategoryOf, recordAuditEvent } from './audit.ts';

const RunRow = z.object({
  id: z.string(),
  org_id: z.string(),
  integration_id: z.string(),
  kind: z.enum(['full', 'delta']),
  status: z.string(),
  dry_run: z.boolean(),
  records_seen: z.number(),
  records_created: z.number(),
  records_updated: z.number(),
  records_unchanged: z.number(),
  records_quarantined: z.number(),
  records_lapsed: z.number(),
  records_removed: z.number(),
  conflicts_detected: z.number(),
  conflicts_queued: z.number(),
  duration_ms: z.number().nullable(),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
});

/** Failed runs in a row that turn single failures into a "repeated failures" alert. */
export const REPEATED_FAILURE_COUNT = 3;

/** The held run's counts from its summary, for the alert's detail; a count the summary lacks is left out. */
function heldCounts(summary: Record<string, unknown>): { deactivations?: number; absent?: number; threshold?: number } {
  const counts: { deactivations?: number; absent?: number; threshold?: number } = {};
  for (const key of ['deactivations', 'absent', 'threshold'] as const) {
    const value = summary[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) counts[key] = value;
  }
  return counts;
}

/**
 * The audit event and alerts for a run that has just ended, in the transaction that ended it.
 */
export async function reportRunEnd(tx: Queryable, runId: string): Promise<void> {
  const { rows } = await tx.query(`select * from sync.sync_runs where id = $1`, [runId]);
  const run = RunRow.parse(rows[0]);
  const counts = {
    seen: run.records_seen,
    created: run.records_created,
    updated: run.records_updated,
    unchanged: run.records_unchanged,
    quarantined: run.records_quarantined,
    lapsed: run.records_lapsed,
    removed: run.records_removed,
    conflicts: run.conflicts_detected,
    conflictsQueued: run.conflicts_queued,
  };
  const what = `${run.dry_run ? 'Dry run of a full' : run.kind === 'full' ? 'Full' : 'Delta'} sync`;
  const target = { orgId: run.org_id, integrationId: run.integration_id };
  const base = { ...target, type: 'sync_run' as const, actor: { kind: 'engine' as const, label: 'Sync engine' }, runId, counts };
  // What kind of run it was and how it ended, so the console words the event in its own language.
  const runFacts = { kind: run.kind, dryRun: run.dry_run, status: run.status };

  if (run.status === 'succeeded') {
    await recordAuditEvent(tx, {
      ...base,
      summary: `${what} finished: ${run.records_created} new, ${run.records_updated} changed, ${run.records_lapsed} lapsed, ${run.records_removed} removed, ${run.records_quarantined} quarantined.`,
      outcome: run.records_quarantined > 0 ? 'warning' : 'ok',
      detail: run.summary ? { ...runFacts, summary: run.summary, durationMs: run.duration_ms } : { ...runFacts, durationMs: run.duration_ms },
    });
    if (run.dry_run) return;
    await resolveAlerts(tx, run.integration_id, ['credentials_failed', 'repeated_failures', 'stale_late', 'stale_error']);
    if (run.records_quarantined > 0) {
      await raiseAlert(tx, {
        ...target,
        kind: 'records_quarantined',
        severity: 'warning',
        actor: 'org_admin',
        message: `${run.records_quarantined} member records from the registry could not be read and were set aside. Correct them in the registry; the next sync picks them up.`,
        detail: { runId, quarantined: run.records_quarantined },
      });
    } else if (run.kind === 'full') {
      await resolveAlerts(tx, run.integration_id, ['records_quarantined']);
    }
    return;
  }
  if (run.status === 'awaiting_approval') {
    const summary = run.summary ?? {};
    await recordAuditEvent(tx, {
      ...base,
      summary: `${what} held for approval: it would lapse or remove more members than the safety threshold allows.`,
      outcome: 'warning',
      errorCode: 'held_for_approval',
      errorCategory: 'configuration',
      detail: { ...runFacts, summary },
    });
    await raiseAlert(tx, {
      ...target,
      kind: 'run_held',
      severity: 'warning',
      actor: 'org_admin',
      message: `A full sync is waiting for approval: it would deactivate ${String(summary.deactivations ?? '?')} and find ${String(summary.absent ?? '?')} members missing from the registry, more than the threshold of ${String(summary.threshold ?? '?')}. Review and approve or reject it.`,
      detail: { runId, ...heldCounts(summary) },
    });
    return;
  }
  if (run.status === 'failed') {
    const code = ErrorCode.safeParse(run.error_code);
    const errorCode = code.success ? code.data : 'internal';
    await recordAuditEvent(tx, {
      ...base,
      summary: `${what} failed: ${run.error_message ?? 'unknown error'}`,
      outcome: 'error',
      errorCode,
      errorCategory: errorCategoryOf(errorCode),
      detail: runFacts,
    });
    if (errorCode === 'source_auth_failed') {
      await raiseAlert(tx, {
        ...target,
        kind: 'credentials_failed',
        severity: 'error',
        actor: 'org_admin',
        message: run.error_message ?? 'The registry refused the saved credentials.',
        detail: { runId, errorCode },
      });
    }
    const recent = await tx.query<{ status: string }>(
      `select status from sync.sync_runs where integration_id = $1 and not dry_run and status in ('succeeded', 'failed')
        order by started_at desc limit $2`,
      [run.integration_id, REPEATED_FAILURE_COUNT],
    );
    if (recent.rows.length === REPEATED_FAILURE_COUNT && recent.rows.every((row) => row.status === 'failed')) {
      await raiseAlert(tx, {
        ...target,
        kind: 'repeated_failures',
        severity: 'error',
        actor: actorForErrorCode(errorCode),
        message: `The last ${REPEATED_FAILURE_COUNT} syncs failed. The latest said: ${run.error_message ?? 'unknown error'}`,
        detail: { runId, errorCode, failures: REPEATED_FAILURE_COUNT },
      });
    }
    return;
  }
  // Cancelled: recorded, nothing to alert about.
  await recordAuditEvent(tx, { ...base, summary: `${what} was cancelled.`, outcome: 'warning', detail: runFacts });
}
