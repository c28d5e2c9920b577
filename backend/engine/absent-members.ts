import type { Queryable } from '../db/port.ts';
import type { AbsentMemberAction } from '../../shared/domain/conflict-rules.ts';

/**
 * Members of the integration that a full run did not see: linked before the run began, not
 * already marked absent, and missing from the run's seen ids. One anti-join, however many
 * members there are.
 */
const ABSENT_WHERE = `l.integration_id = $1 and l.absent_since is null
   and l.linked_at < (select started_at from sync.sync_runs where id = $2)
   and not exists (select 1 from sync.run_seen_members s where s.run_id = $2 and s.external_id = l.external_id)`;

export async function countAbsentMembers(tx: Queryable, integrationId: string, runId: string): Promise<{ count: number; sample: string[] }> {
  const { rows } = await tx.query<{ external_id: string; total: number }>(
    `select l.external_id, count(*) over ()::int as total from sync.member_links l where ${ABSENT_WHERE} order by l.external_id limit 20`,
    [integrationId, runId],
  );
  return { count: rows[0]?.total ?? 0, sample: rows.map((row) => row.external_id) };
}

/**
 * Marks absent members as lapsed or removed, as the organization's rule says; never deletes
 * them. Each one gets a field-level audit row.
 */
export async function applyAbsentMembers(
  tx: Queryable,
  target: { integrationId: string; orgId: string; runId: string },
  action: AbsentMemberAction,
): Promise<number> {
  return markAbsent(tx, { ...target, eventId: null }, action, ABSENT_WHERE, target.runId);
}

/** One member the registry says it deleted (a webhook): absent, by the same rule as a full sync. */
export async function applyMemberDeleted(
  tx: Queryable,
  target: { integrationId: string; orgId: string; eventId: string },
  action: AbsentMemberAction,
  externalId: string,
): Promise<number> {
  return markAbsent(tx, { ...target, runId: null }, action, `l.integration_id = $1 and l.absent_since is null and l.external_id = $2`, externalId);
}

async function markAbsent(
  tx: Queryable,
  target: { integrationId: string; orgId: string; runId: string | null; eventId: string | null },
  action: AbsentMemberAction,
  where: string,
  selector: string,
): Promise<number> {
  await tx.query(`select set_config('sync.writer', 'engine', true)`);
  const { rows } = await tx.query<{ member_id: string; external_id: string; before_status: string; removed_before: boolean }>(
    `with absent as (
       update sync.member_links l set absent_since = now() where ${where}
       returning l.member_id, l.external_id
     ), old as (
       select m.id, m.status, m.removed_at is not null as removed from sync.members m join absent a on a.member_id = m.id
     ), changed as (
       update sync.members m
          set status = case when $3 = 'lapse' and m.status in ('active', 'pending') then 'lapsed' else m.status end,
              removed_at = case when $3 = 'remove' then coalesce(m.removed_at, now()) else m.removed_at end
         from absent a where m.id = a.member_id
       returning m.id
     )
     select a.member_id, a.external_id, o.status as before_status, o.removed as removed_before
       from absent a join old o on o.id = a.member_id join changed c on c.id = a.member_id`,
    [target.integrationId, selector, action],
  );
  if (rows.length === 0) return 0;
  await tx.query(
    `insert into sync.audit_member_changes (org_id, run_id, event_id, member_id, external_id, change, fields)
     select $2, $3, $5, r.member_id, r.external_id, $4, r.fields
       from jsonb_to_recordset($1::jsonb) as r(member_id uuid, external_id text, fields jsonb)`,
    [
      JSON.stringify(
        rows.map((row) => ({
          member_id: row.member_id,
          external_id: row.external_id,
          fields:
            action === 'lapse'
              ? row.before_status === 'active' || row.before_status === 'pending'
                ? [{ field: 'status', before: row.before_status, after: 'lapsed' }]
                : []
              : [{ field: 'removed', before: row.removed_before, after: true }],
        })),
      ),
      target.orgId,
      target.runId,
      action === 'lapse' ? 'lapsed_absent' : 'removed_absent',
      target.eventId,
    ],
  );
  return rows.length;
}

/** The run's scratch rows go once nothing can need them again. */
export async function clearRunScratch(tx: Queryable, runId: string): Promise<void> {
  await tx.query(`delete from sync.run_seen_members where run_id = $1`, [runId]);
  await tx.query(`delete from sync.staged_member_changes where run_id = $1`, [runId]);
}
