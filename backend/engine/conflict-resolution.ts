import { z } from 'zod';
import type { Db, Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { SourceError } from '../adapters/member-source.ts';
import { AppError } from '../../shared/domain/errors.ts';
import { DataCategory } from '../../shared/domain/member.ts';
import { patchForCategory, type MemberPatch } from '../../shared/domain/member-patch.ts';
import { applySourceRecords } from './apply-page.ts';
import { loadStoredMembers } from './stored-members.ts';
import { loadRuleSet } from './policy-store.ts';
import { errorCategoryOf, recordAuditEvent } from './audit.ts';
import { categoryValue, takeCategory } from './category-values.ts';
import type { MemberFields, StoredMember } from './member-state.ts';
import type { SourceResolver } from './source-resolver.ts';
import type { Decider } from './held-runs.ts';

/** Apply what the conflict proposes, or pick a side outright (an override when it is not the proposal). */
export type ConflictChoice = 'proposal' | 'app' | 'external';

const PendingConflict = z.object({
  id: z.string(),
  org_id: z.string(),
  integration_id: z.string(),
  member_id: z.string(),
  external_id: z.string(),
  category: DataCategory,
  external_value: z.record(z.string(), z.unknown()),
  proposed_winner: z.enum(['app', 'external']),
  rule_version: z.number(),
  status: z.string(),
});
type PendingConflict = z.infer<typeof PendingConflict>;

const SERVICE = { kind: 'service' } as const;

async function loadPending(tx: Queryable, conflictId: string): Promise<{ conflict: PendingConflict; member: StoredMember }> {
  const { rows } = await tx.query(
    `select id, org_id, integration_id, member_id, external_id, category, external_value, proposed_winner, rule_version, status
       from sync.conflicts where id = $1 for update`,
    [conflictId],
  );
  if (!rows[0]) throw new AppError('not_found', 'That conflict does not exist.', 'org_admin');
  const conflict = PendingConflict.parse(rows[0]);
  if (conflict.status !== 'pending') throw new AppError('conflict', 'This conflict has already been resolved.', 'org_admin');
  const member = (await loadStoredMembers(tx, conflict.integration_id, [conflict.external_id])).get(conflict.external_id);
  if (!member) throw new AppError('not_found', 'The member behind this conflict no longer exists.', 'org_admin');
  return { conflict, member };
}

/** The registry's side of the conflict as member fields. */
function externalFields(member: StoredMember, conflict: PendingConflict): MemberFields {
  const value = conflict.external_value;
  const fields: MemberFields = { ...member, roles: [...member.roles] };
  if (conflict.category === 'membership_status') fields.status = z.string().parse(value.status) as MemberFields['status'];
  if (conflict.category === 'roles') fields.roles = z.array(z.string()).parse(value.roles) as MemberFields['roles'];
  if (conflict.category === 'contact_details') {
    fields.email = z
      .string()
      .nullable()
      .parse(value.email ?? null);
    fields.phone = z
      .string()
      .nullable()
      .parse(value.phone ?? null);
  }
  if (conflict.category === 'affiliation') {
    fields.affiliation = z
      .object({ unitId: z.string(), unitName: z.string() })
      .nullable()
      .parse(value.affiliation ?? null);
  }
  return fields;
}

/**
 * Settles a queued conflict. When the app's value wins it is written to the registry first,
 * through the adapter, and the registry's answer is applied like any registry change; a
 * registry that refuses leaves the conflict pending with its error. When the registry's
 * value wins it replaces the app's. Either way the decision, who made it and the rule
 * version behind the proposal are recorded.
 */
export async function resolveConflict(
  db: Db,
  resolveSource: SourceResolver,
  input: { conflictId: string; choice: ConflictChoice },
  decider: Decider,
): Promise<{ winner: 'app' | 'external'; how: 'proposal' | 'override' }> {
  const { conflict, member } = await asCaller(db, SERVICE, (tx) => loadPending(tx, input.conflictId));
  const winner = input.choice === 'proposal' ? conflict.proposed_winner : input.choice;
  const how = winner === conflict.proposed_winner ? 'proposal' : 'override';
  const eventId = crypto.randomUUID();

  let registryRecord = null;
  let appPatch: MemberPatch | null = null;
  if (winner === 'app') {
    const source = await resolveSource(conflict.integration_id);
    const patch = patchForCategory({ ...member, externalId: conflict.external_id, sourceUpdatedAt: member.sourceUpdatedAt }, conflict.category);
    appPatch = patch;
    try {
      registryRecord = await source.updateMember(conflict.external_id, patch);
    } catch (error) {
      if (error instanceof SourceError) {
        await recordRefusedWrite(db, conflict, patch, error, decider);
        throw new AppError(error.code, `The registry did not accept the app's value: ${error.message}`, error.actor);
      }
      throw error;
    }
  }

  await asCaller(db, SERVICE, async (tx) => {
    const current = await loadPending(tx, conflict.id);
    if (registryRecord) {
      const rules = await loadRuleSet(tx, conflict.org_id);
      await applySourceRecords(
        tx,
        { integrationId: conflict.integration_id, orgId: conflict.org_id, runId: null, eventId },
        [registryRecord],
        rules,
        {
          stageDeactivations: false,
          dryRun: false,
          markSeen: false,
        },
      );
    } else {
      await takeExternalValue(tx, conflict, current.member, eventId);
    }
    // The write the registry just accepted, on record like an outbox write, so the conflict can
    // show its state; when the registry's value wins there is nothing to write.
    const writtenId = registryRecord && appPatch ? await recordAdminWrite(tx, conflict, appPatch, null) : null;
    await tx.query(
      `update sync.conflicts set status = 'resolved', winner = $2, resolved_how = $3, resolved_by = $4, resolved_at = now(),
              source_write_id = $5
        where id = $1`,
      [conflict.id, winner, how, decider.userId, writtenId],
    );
    const label = conflict.category.replace('_', ' ');
    await recordAuditEvent(tx, {
      id: eventId,
      orgId: conflict.org_id,
      integrationId: conflict.integration_id,
      type: how === 'proposal' ? 'conflict_resolved' : 'conflict_override',
      actor: { kind: 'admin', id: decider.userId, label: decider.label },
      summary:
        how === 'proposal'
          ? `${decider.label} applied the proposed resolution for member ${conflict.external_id}'s ${label}: the ${winner === 'app' ? "app's" : "registry's"} value.`
          : `${decider.label} overrode the proposal for member ${conflict.external_id}'s ${label}: the ${winner === 'app' ? "app's value was written to the registry" : "registry's value replaced the app's"}.`,
      detail: { conflictId: conflict.id, category: conflict.category, winner, ruleVersion: conflict.rule_version },
    });
  });
  return { winner, how };
}

async function takeExternalValue(tx: Queryable, conflict: PendingConflict, member: StoredMember, eventId: string): Promise<void> {
  const next: MemberFields = { ...member, roles: [...member.roles] };
  takeCategory(next, externalFields(member, conflict), conflict.category);
  await tx.query(`select set_config('sync.writer', 'engine', true)`);
  await tx.query(
    `update sync.members
        set status = $2, roles = $3, email = $4, phone = $5, affiliation_unit_id = $6, affiliation_unit_name = $7,
            app_changes = app_changes - $8::text
      where id = $1`,
    [
      conflict.member_id,
      next.status,
      next.roles,
      next.email,
      next.phone,
      next.affiliation?.unitId ?? null,
      next.affiliation?.unitName ?? null,
      conflict.category,
    ],
  );
  const before = categoryValue(member, conflict.category);
  const after = categoryValue(next, conflict.category);
  const fields = Object.keys(after)
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
  await tx.query(
    `insert into sync.audit_member_changes (org_id, event_id, member_id, external_id, change, fields, rule_version)
     values ($1, $2, $3, $4, 'conflict', $5, $6)`,
    [conflict.org_id, eventId, conflict.member_id, conflict.external_id, JSON.stringify(fields), conflict.rule_version],
  );
}

/**
 * An admin's write of the app's value, made at once and finished: on record like an outbox write
 * (done, or failed with the registry's refusal), so the conflict can show its state.
 */
async function recordAdminWrite(tx: Queryable, conflict: PendingConflict, patch: MemberPatch, refusal: SourceError | null): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into sync.source_writes (integration_id, org_id, member_id, external_id, conflict_id, category, patch, status, attempts,
                                     error_code, error_message, finished_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, now())
     returning id`,
    [
      conflict.integration_id,
      conflict.org_id,
      conflict.member_id,
      conflict.external_id,
      conflict.id,
      conflict.category,
      JSON.stringify(patch),
      refusal ? 'failed' : 'done',
      refusal?.code ?? null,
      refusal?.message ?? null,
    ],
  );
  return rows[0]?.id ?? null;
}

/**
 * An admin chose the app's value and the registry refused it: the conflict stays pending, and
 * the refused attempt is kept (with its error code) and audited like any failed registry write,
 * so the conflict shows why its value is not in the registry yet.
 */
async function recordRefusedWrite(db: Db, conflict: PendingConflict, patch: MemberPatch, error: SourceError, decider: Decider): Promise<void> {
  await asCaller(db, SERVICE, async (tx) => {
    const writeId = await recordAdminWrite(tx, conflict, patch, error);
    await tx.query(`update sync.conflicts set source_write_id = $2 where id = $1 and status = 'pending'`, [conflict.id, writeId]);
    await recordAuditEvent(tx, {
      orgId: conflict.org_id,
      integrationId: conflict.integration_id,
      type: 'source_write',
      actor: { kind: 'admin', id: decider.userId, label: decider.label },
      summary: `The registry did not accept the app's ${conflict.category.replace('_', ' ')} for member ${conflict.external_id}: ${error.message}`,
      outcome: 'error',
      errorCode: error.code,
      errorCategory: errorCategoryOf(error.code),
      detail: { writeId, conflictId: conflict.id },
    });
  });
}
