import { z } from 'zod';
import type { Queryable } from '../db/port.ts';
import { CanonicalMember } from '../../shared/domain/member.ts';
import { guardThreshold } from '../../shared/domain/conflict-rules.ts';
import { applyAbsentMembers, clearRunScratch, countAbsentMembers } from './absent-members.ts';
import { applySourceRecords, type PageCounts } from './apply-page.ts';
import { loadRuleSet, loadSafetySettings } from './policy-store.ts';

export interface RunTarget {
  integrationId: string;
  orgId: string;
  runId: string;
}

/** What a full run would lapse or remove, as a held or dry run reports it. */
export interface DeactivationSummary {
  deactivations: number;
  absent: number;
  absentAction: 'lapse' | 'remove';
  members: number;
  threshold: number;
  sampleAbsent: string[];
}

export type FinalOutcome =
  | {
      status: 'succeeded';
      /** Members lapsed by the registry's status or by absence. */
      lapsed: number;
      removed: number;
      /** Held-back changes applied that did not lapse anyone: resigned or deceased members. */
      updated: number;
      applied: PageCounts | null;
      summary: DeactivationSummary;
    }
  | { status: 'awaiting_approval'; summary: DeactivationSummary };

async function summarize(tx: Queryable, target: RunTarget): Promise<DeactivationSummary> {
  // The page writes turned hashing off for this transaction; finding absent members is one
  // anti-join over the whole integration, which is what hashing is for.
  await tx.query(`select set_config('enable_hashjoin', 'on', true), set_config('enable_mergejoin', 'on', true)`);
  const settings = await loadSafetySettings(tx, target.orgId);
  const absent = await countAbsentMembers(tx, target.integrationId, target.runId);
  const { rows } = await tx.query<{ staged: number; members: number }>(
    `select (select count(*)::int from sync.staged_member_changes where run_id = $2) as staged,
            (select count(*)::int from sync.member_links where integration_id = $1 and absent_since is null) as members`,
    [target.integrationId, target.runId],
  );
  const members = rows[0]?.members ?? 0;
  return {
    deactivations: rows[0]?.staged ?? 0,
    absent: absent.count,
    absentAction: settings.absentMemberAction,
    members,
    threshold: guardThreshold(settings, members),
    sampleAbsent: absent.sample,
  };
}

/**
 * The end of a full run, after its last page: finds the members the registry no longer
 * lists and counts them with the deactivations held back during the run. Over the safety
 * threshold the run waits for an admin; otherwise both are applied. A dry run only reports.
 */
export async function finalizeFullRun(tx: Queryable, target: RunTarget, options: { dryRun: boolean }): Promise<FinalOutcome> {
  const summary = await summarize(tx, target);
  if (options.dryRun) {
    await clearRunScratch(tx, target.runId);
    return { status: 'succeeded', lapsed: 0, removed: 0, updated: 0, applied: null, summary };
  }
  if (summary.deactivations + summary.absent > summary.threshold) return { status: 'awaiting_approval', summary };
  return applyHeldChanges(tx, target, summary);
}

const StagedRow = z.object({ record: CanonicalMember });

/**
 * Applies what a run held back: the staged deactivations (reconciled again now, under the
 * rules in force, and only if nothing newer arrived since) and the absent members.
 */
export async function applyHeldChanges(tx: Queryable, target: RunTarget, summary?: DeactivationSummary): Promise<FinalOutcome> {
  const counted = summary ?? (await summarize(tx, target));
  const { rows } = await tx.query(
    `select s.record from sync.staged_member_changes s
       join sync.member_links l on l.integration_id = $2 and l.external_id = s.external_id
      where s.run_id = $1 and l.source_updated_at <= (s.record->>'sourceUpdatedAt')::timestamptz`,
    [target.runId, target.integrationId],
  );
  const staged = rows.map((row) => ({ ok: true as const, member: StagedRow.parse(row).record }));
  const rules = await loadRuleSet(tx, target.orgId);
  const applied = await applySourceRecords(tx, { ...target, eventId: null }, staged, rules, {
    stageDeactivations: false,
    dryRun: false,
    markSeen: false,
  });
  const settings = await loadSafetySettings(tx, target.orgId);
  const absent = await applyAbsentMembers(tx, target, settings.absentMemberAction);
  await clearRunScratch(tx, target.runId);
  // A quarantined record the run did not meet again is gone or fixed, unless a webhook met it
  // while the run was going (the run may have read it before it broke).
  await tx.query(
    `update sync.quarantined_records set resolved_at = now()
      where integration_id = $1 and resolved_at is null and last_run_id is distinct from $2
        and last_seen_at < (select started_at from sync.sync_runs where id = $2)`,
    [target.integrationId, target.runId],
  );
  return {
    status: 'succeeded',
    lapsed: applied.lapsed + (settings.absentMemberAction === 'lapse' ? absent : 0),
    removed: settings.absentMemberAction === 'remove' ? absent : 0,
    updated: applied.updated,
    applied,
    summary: counted,
  };
}
