import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import type { OrgSyncSettings } from '../../shared/contract/settings.ts';
import { defaultSyncSafetySettings, type AbsentMemberAction, type SyncSafetySettings } from '../../shared/domain/conflict-rules.ts';
import type { Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { recordAuditEvent } from '../engine/audit.ts';
import { requireUser, type BackendContext } from './context.ts';
import { actingAdmin, adminRefOf, adminRefs, requireVisibleOrg } from './admins.ts';
import { toIso } from './rows.ts';
import { withServiceRole } from './service-role.ts';

interface SettingsRow {
  absent_member_action: AbsentMemberAction;
  /** numeric(5, 2): text from node-postgres, text or number from PGlite. */
  guard_max_percent: string | number;
  guard_max_members: number;
  updated_by: string | null;
  updated_at: unknown;
}

const ABSENT_LABELS: Readonly<Record<AbsentMemberAction, string>> = { lapse: 'lapse them', remove: 'remove them' };

async function readSettings(tx: Queryable, orgId: string, lock: boolean): Promise<OrgSyncSettings> {
  const { rows } = await tx.query<SettingsRow>(
    `select absent_member_action, guard_max_percent, guard_max_members, updated_by, updated_at
       from sync.org_sync_settings where org_id = $1 ${lock ? 'for update' : ''}`,
    [orgId],
  );
  const row = rows[0];
  if (!row) return { orgId, ...defaultSyncSafetySettings, isDefault: true, updatedBy: null, updatedAt: null };
  const refs = await adminRefs(tx, [row.updated_by]);
  return {
    orgId,
    absentMemberAction: row.absent_member_action,
    guardMaxPercent: Number(row.guard_max_percent),
    guardMaxMembers: row.guard_max_members,
    isDefault: false,
    updatedBy: adminRefOf(refs, row.updated_by),
    updatedAt: toIso(row.updated_at),
  };
}

const safetyOf = (settings: SyncSafetySettings): SyncSafetySettings => ({
  absentMemberAction: settings.absentMemberAction,
  guardMaxPercent: settings.guardMaxPercent,
  guardMaxMembers: settings.guardMaxMembers,
});

/** Only what changed, e.g. "members missing from the registry: lapse them → remove them; hold threshold 500 → 200 members". */
function describeChange(before: SyncSafetySettings, after: SyncSafetySettings): string {
  const parts: string[] = [];
  if (before.absentMemberAction !== after.absentMemberAction) {
    parts.push(`members missing from the registry: ${ABSENT_LABELS[before.absentMemberAction]} → ${ABSENT_LABELS[after.absentMemberAction]}`);
  }
  if (before.guardMaxPercent !== after.guardMaxPercent)
    parts.push(`hold threshold ${before.guardMaxPercent} % → ${after.guardMaxPercent} % of members`);
  if (before.guardMaxMembers !== after.guardMaxMembers) parts.push(`hold threshold ${before.guardMaxMembers} → ${after.guardMaxMembers} members`);
  return parts.join('; ');
}

export function registerSettingsHandlers(router: Router<Operations, BackendContext>): void {
  router.register('settings.get', async ({ orgId }, { db, caller }) =>
    asCaller(db, caller, async (tx) => {
      await requireVisibleOrg(tx, orgId);
      return readSettings(tx, orgId, false);
    }),
  );

  router.register('settings.update', async ({ orgId, ...input }, { db, caller }) => {
    requireUser(caller);
    // As the caller, so the RLS policies decide (admin of the organization, updated_by = them);
    // the audit event goes in the same transaction as the service, as in rules.update.
    return asCaller(db, caller, async (tx) => {
      await requireVisibleOrg(tx, orgId);
      const admin = await actingAdmin(tx);
      // Locked, so two admins saving at once each record the true "before".
      const before = await readSettings(tx, orgId, true);
      // The column is numeric(5, 2): store and compare what it will hold.
      const after: SyncSafetySettings = { ...input, guardMaxPercent: Math.round(input.guardMaxPercent * 100) / 100 };
      const unchanged = describeChange(before, after) === '';
      if (unchanged && !before.isDefault) return before;
      await tx.query(
        `insert into sync.org_sync_settings (org_id, absent_member_action, guard_max_percent, guard_max_members, updated_by)
         values ($1, $2, $3, $4, (select auth.uid()))
         on conflict (org_id) do update
            set absent_member_action = excluded.absent_member_action, guard_max_percent = excluded.guard_max_percent,
                guard_max_members = excluded.guard_max_members, updated_by = excluded.updated_by`,
        [orgId, after.absentMemberAction, after.guardMaxPercent, after.guardMaxMembers],
      );
      await withServiceRole(tx, (service) =>
        recordAuditEvent(service, {
          orgId,
          type: 'settings_changed',
          actor: { kind: 'admin', id: admin.userId, label: admin.label },
          summary: unchanged
            ? `${admin.label} saved the sync safety settings, keeping the defaults.`
            : `${admin.label} changed the sync safety settings: ${describeChange(before, after)}.`,
          detail: { before: safetyOf(before), after },
        }),
      );
      return readSettings(tx, orgId, false);
    });
  });
}
