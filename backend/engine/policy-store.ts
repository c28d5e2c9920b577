import { z } from 'zod';
import type { Queryable } from '../db/port.ts';
import {
  ConflictResolution,
  defaultSyncSafetySettings,
  ruleSetFrom,
  type ConflictRuleSet,
  type SyncSafetySettings,
} from '../../shared/domain/conflict-rules.ts';
import { DataCategory } from '../../shared/domain/member.ts';

const RuleRow = z.object({ category: DataCategory, resolution: ConflictResolution, version: z.number() });

const RuleOrNoneRow = z.object({ category: DataCategory.nullable(), resolution: ConflictResolution.nullable(), version: z.number().nullable() });

/**
 * The rules in force now. Read at every slice, so a rule saved while a run is under way
 * takes effect from its next page, as "from the time it is saved" promises.
 *
 * `settings`, a `select set_config(...)` of the caller's own (never input), runs in the same
 * round trip: a slice's transaction settings and its rules then cost one statement.
 */
export async function loadRuleSet(tx: Queryable, orgId: string, options: { settings?: string } = {}): Promise<ConflictRuleSet> {
  const latest = `select distinct on (category) category, resolution, version
                    from sync.conflict_rules where org_id = $1
                   order by category, version desc`;
  if (options.settings === undefined) {
    const { rows } = await tx.query(latest, [orgId]);
    return ruleSetFrom(rows.map((row) => RuleRow.parse(row)));
  }
  // The settings row drives the join, so it is evaluated exactly once whether or not the
  // organization has rules of its own (none: one row of nulls).
  const { rows } = await tx.query(
    `with settings as materialized (${options.settings})
     select r.category, r.resolution, r.version from settings left join lateral (${latest}) r on true`,
    [orgId],
  );
  const saved = rows.map((row) => RuleOrNoneRow.parse(row)).flatMap((row) => (row.category === null ? [] : [RuleRow.parse(row)]));
  return ruleSetFrom(saved);
}

const SettingsRow = z.object({
  absent_member_action: z.enum(['lapse', 'remove']),
  guard_max_percent: z.union([z.number(), z.string()]).transform(Number),
  guard_max_members: z.number(),
});

export async function loadSafetySettings(tx: Queryable, orgId: string): Promise<SyncSafetySettings> {
  const { rows } = await tx.query(`select absent_member_action, guard_max_percent, guard_max_members from sync.org_sync_settings where org_id = $1`, [
    orgId,
  ]);
  if (!rows[0]) return defaultSyncSafetySettings;
  const row = SettingsRow.parse(rows[0]);
  return { absentMemberAction: row.absent_member_action, guardMaxPercent: row.guard_max_percent, guardMaxMembers: row.guard_max_members };
}
