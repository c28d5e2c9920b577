import { z } from 'zod';
import type { Queryable } from '../db/port.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { applyHeldChanges } from './finalize-full-run.ts';
import { clearRunScratch } from './absent-members.ts';
import { resolveAlerts } from './alerts.ts';
import { recordAuditEvent } from './audit.ts';

const HeldRun = z.object({ id: z.string(), integration_id: z.string(), org_id: z.string() });

export interface Decider {
  userId: string;
  label: string;
}

async function lockHeldRun(tx: Queryable, runId: string) {
  const { rows } = await tx.query(`select id, integration_id, org_id, status from sync.sync_runs where id = $1 for update`, [runId]);
  const row = rows[0] as { status?: string } | undefined;
  if (!row) throw new AppError('not_found', 'That sync run does not exist.', 'org_admin');
  if (row.status !== 'awaiting_approval') {
    throw new AppError(
      'conflict',
      row.status === 'superseded'
        ? 'A later full sync replaced this held run. Review the latest one instead.'
        : 'This sync run is not waiting for approval any more.',
      'org_admin',
    );
  }
  return HeldRun.parse(row);
}

/**
 * An admin approves a run the safety guard held: its deactivations and absences are applied
 * now, reconciled against the members as they are now. Runs as the engine after the
 * handler has checked, under RLS, that the admin may see the run.
 */
export async function approveHeldRun(tx: Queryable, runId: string, decider: Decider): Promise<{ lapsed: number; removed: number; updated: number }> {
  const run = await lockHeldRun(tx, runId);
  const target = { integrationId: run.integration_id, orgId: run.org_id, runId: run.id };
  const outcome = await applyHeldChanges(tx, target);
  if (outcome.status !== 'succeeded') throw new Error('Applying a held run did not succeed');
  await tx.query(
    `update sync.sync_runs set status = 'succeeded', decided_by = $2, decided_at = now(),
            records_lapsed = records_lapsed + $3, records_removed = records_removed + $4,
            records_updated = records_updated + $5
      where id = $1`,
    [run.id, decider.userId, outcome.lapsed, outcome.removed, outcome.updated],
  );
  await resolveAlerts(tx, run.integration_id, ['run_held']);
  await recordAuditEvent(tx, {
    orgId: run.org_id,
    integrationId: run.integration_id,
    type: 'run_approved',
    actor: { kind: 'admin', id: decider.userId, label: decider.label },
    runId: run.id,
    summary: `${decider.label} approved a held full sync: ${outcome.lapsed} lapsed, ${outcome.removed} removed, ${outcome.updated} resigned or deceased.`,
    counts: { lapsed: outcome.lapsed, removed: outcome.removed, updated: outcome.updated },
  });
  return { lapsed: outcome.lapsed, removed: outcome.removed, updated: outcome.updated };
}

/** An admin rejects a held run: nothing it held back is applied, and the next full sync will count again. */
export async function rejectHeldRun(tx: Queryable, runId: string, decider: Decider): Promise<void> {
  const run = await lockHeldRun(tx, runId);
  await clearRunScratch(tx, run.id);
  await tx.query(`update sync.sync_runs set status = 'rejected', decided_by = $2, decided_at = now() where id = $1`, [run.id, decider.userId]);
  await resolveAlerts(tx, run.integration_id, ['run_held']);
  await recordAuditEvent(tx, {
    orgId: run.org_id,
    integrationId: run.integration_id,
    type: 'run_rejected',
    actor: { kind: 'admin', id: decider.userId, label: decider.label },
    runId: run.id,
    summary: `${decider.label} rejected a held full sync; no member was lapsed or removed.`,
    outcome: 'warning',
  });
}
