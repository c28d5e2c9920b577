import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { RULE_PREVIEW_DAYS, type OrgConflictRules, type RuleImpactCounts, type RulesPreviewOutput } from '../../shared/contract/rules.ts';
import { defaultConflictResolutions, settledSide, type ConflictResolution } from '../../shared/domain/conflict-rules.ts';
import { dataCategories, type DataCategory } from '../../shared/domain/member.ts';
import type { Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { recordAuditEvent } from '../engine/audit.ts';
import { requireUser, type BackendContext } from './context.ts';
import { actingAdmin, adminRefOf, adminRefs, requireVisibleOrg } from './admins.ts';
import { toIsoRequired } from './rows.ts';
import { withServiceRole } from './service-role.ts';

export const CATEGORY_LABELS: Readonly<Record<DataCategory, string>> = {
  membership_status: 'membership status',
  roles: 'roles',
  contact_details: 'contact details',
  affiliation: 'affiliation',
};

const RESOLUTION_LABELS: Readonly<Record<ConflictResolution, string>> = {
  external_wins: 'registry wins',
  app_wins: 'app wins',
  manual_review: 'manual review',
};

interface RuleRow {
  category: DataCategory;
  resolution: ConflictResolution;
  version: number;
  created_by: string | null;
  created_at: unknown;
}

async function orgRules(tx: Queryable, orgId: string): Promise<OrgConflictRules> {
  const { rows } = await tx.query<RuleRow>(
    `select category, resolution, version, created_by, created_at
       from sync.conflict_rules where org_id = $1
      order by category, version desc`,
    [orgId],
  );
  const refs = await adminRefs(
    tx,
    rows.map((row) => row.created_by),
  );
  return {
    orgId,
    categories: dataCategories.map((category) => {
      const history = rows
        .filter((row) => row.category === category)
        .map((row) => ({
          version: row.version,
          resolution: row.resolution,
          createdBy: adminRefOf(refs, row.created_by),
          createdAt: toIsoRequired(row.created_at),
        }));
      // Version 0, the built-in default, has no row: it is in force until a rule is saved.
      const current = history[0] ?? { version: 0, resolution: defaultConflictResolutions[category] };
      return { category, resolution: current.resolution, version: current.version, defaultResolution: defaultConflictResolutions[category], history };
    }),
  };
}

async function ruleInForce(tx: Queryable, orgId: string, category: DataCategory): Promise<{ resolution: ConflictResolution; version: number }> {
  const { rows } = await tx.query<{ resolution: ConflictResolution; version: number }>(
    `select resolution, version from sync.conflict_rules where org_id = $1 and category = $2 order by version desc limit 1`,
    [orgId, category],
  );
  return rows[0] ?? { resolution: defaultConflictResolutions[category], version: 0 };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** $1 org, $2 category, $3 resolved since. Exported for the plan test. */
export const RULE_PREVIEW_SQL = `select true as pending, null::text as winner, count(*)::int as n
    from sync.conflicts
   where org_id = $1 and category = $2 and status = 'pending'
  union all
  select false, winner, count(*)::int
    from sync.conflicts
   where org_id = $1 and category = $2 and status = 'resolved' and resolved_at >= $3::timestamptz
   group by winner`;

/**
 * Counts, in one statement over `conflicts_rule_preview_idx` (two ranges: the org's pending
 * conflicts in the category, and its resolved ones since `since`), the conflicts by the side
 * that won. Each group is then put through the same rule function reconciliation uses.
 */
async function previewRule(
  tx: Queryable,
  orgId: string,
  category: DataCategory,
  resolution: ConflictResolution,
  now: Date,
): Promise<RulesPreviewOutput> {
  const since = new Date(now.getTime() - RULE_PREVIEW_DAYS * DAY_MS);
  const { rows } = await tx.query<{ pending: boolean; winner: 'app' | 'external' | null; n: number }>(RULE_PREVIEW_SQL, [
    orgId,
    category,
    since.toISOString(),
  ]);
  const side = settledSide(resolution);
  const empty = (): RuleImpactCounts => ({ total: 0, app: 0, external: 0, manualReview: 0 });
  const pending = empty();
  const recent = { ...empty(), agreeing: 0 };
  for (const row of rows) {
    const counts = row.pending ? pending : recent;
    counts.total += row.n;
    if (side === null) counts.manualReview += row.n;
    else counts[side] += row.n;
    if (!row.pending && side !== null && side === row.winner) recent.agreeing += row.n;
  }
  return { orgId, category, resolution, pending, recent: { ...recent, since: since.toISOString(), days: RULE_PREVIEW_DAYS } };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === '23505';
}

export function registerRuleHandlers(router: Router<Operations, BackendContext>): void {
  router.register('rules.list', async ({ orgId }, { db, caller }) =>
    asCaller(db, caller, async (tx) => {
      await requireVisibleOrg(tx, orgId);
      return orgRules(tx, orgId);
    }),
  );

  router.register('rules.preview', async ({ orgId, category, resolution }, { db, caller }) =>
    // As the caller: another organization is not_found, and RLS counts only visible conflicts.
    asCaller(db, caller, async (tx) => {
      await requireVisibleOrg(tx, orgId);
      return previewRule(tx, orgId, category, resolution, new Date());
    }),
  );

  router.register('rules.update', async ({ orgId, category, resolution }, { db, caller }) => {
    requireUser(caller);
    // One transaction as the caller: the RLS insert policy checks that they administer the
    // organization and that created_by is them. The audit event is written in the same
    // transaction as the service (admins may not write the trail), so a saved rule and its
    // event commit together or not at all.
    return asCaller(db, caller, async (tx) => {
      await requireVisibleOrg(tx, orgId);
      const admin = await actingAdmin(tx);
      let saved: { from: ConflictResolution; version: number } | null = null;
      // Two admins saving at once both aim for the same next version; the unique key lets one
      // win and the other tries once more above it. A savepoint keeps the transaction usable.
      for (let attempt = 0; saved === null; attempt++) {
        const current = await ruleInForce(tx, orgId, category);
        if (current.resolution === resolution) return { changed: false, rules: await orgRules(tx, orgId) };
        await tx.query('savepoint rule_version');
        try {
          await tx.query(
            `insert into sync.conflict_rules (org_id, category, resolution, version, created_by)
             values ($1, $2, $3, $4, (select auth.uid()))`,
            [orgId, category, resolution, current.version + 1],
          );
          await tx.query('release savepoint rule_version');
          saved = { from: current.resolution, version: current.version + 1 };
        } catch (error) {
          if (!isUniqueViolation(error) || attempt > 0) throw error;
          await tx.query('rollback to savepoint rule_version');
        }
      }
      const change = saved;
      await withServiceRole(tx, (service) =>
        recordAuditEvent(service, {
          orgId,
          type: 'rules_changed',
          actor: { kind: 'admin', id: admin.userId, label: admin.label },
          summary: `${admin.label} changed the rule for ${CATEGORY_LABELS[category]} from ${RESOLUTION_LABELS[change.from]} to ${RESOLUTION_LABELS[resolution]} (version ${change.version}).`,
          detail: { category, from: change.from, to: resolution, version: change.version },
        }),
      );
      return { changed: true, rules: await orgRules(tx, orgId) };
    });
  });
}
