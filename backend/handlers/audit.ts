import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { MAX_AUDIT_ACTORS, type AuditActors, type AuditEventType, type AuditEventView, type AuditMemberChange } from '../../shared/contract/audit.ts';
import type { Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import type { BackendContext } from './context.ts';
import { decodeIdCursor, decodeTimeCursor, keysetTime, pageFrom } from './paging.ts';
import { beginList, keysetListSql, listKey, readList, scopeKeys, scopeWhere } from './keyset-list.ts';
import { errorCodeOf, notFound, toIsoRequired } from './rows.ts';

interface EventRow {
  id: string;
  occurred_at: unknown;
  org_id: string;
  integration_id: string | null;
  type: AuditEventType;
  actor_kind: 'admin' | 'engine' | 'registry';
  actor_id: string | null;
  actor_label: string;
  run_id: string | null;
  summary: string;
  counts: Record<string, number> | null;
  outcome: 'ok' | 'warning' | 'error';
  error_code: string | null;
  error_category: AuditEventView['errorCategory'];
  detail: Record<string, unknown> | null;
  key_at: string;
}

interface ChangeRow {
  id: string;
  member_id: string;
  external_id: string | null;
  first_name: string | null;
  last_name: string | null;
  change: AuditMemberChange['change'];
  fields: AuditMemberChange['fields'];
  rule_version: number | null;
  occurred_at: unknown;
}

const EVENT_COLUMNS = `e.id, e.occurred_at, e.org_id, e.integration_id, e.type, e.actor_kind, e.actor_id, e.actor_label, e.run_id,
  e.summary, e.counts, e.outcome, e.error_code, e.error_category, e.detail, ${keysetTime('e.occurred_at')} as key_at`;

/** Events whose member changes carry the run's id rather than the event's: the run's own, and its approval. */
const RUN_SCOPED: ReadonlySet<AuditEventType> = new Set(['sync_run', 'run_approved']);

function toEventView(row: EventRow): AuditEventView {
  return {
    id: row.id,
    occurredAt: toIsoRequired(row.occurred_at),
    orgId: row.org_id,
    integrationId: row.integration_id,
    type: row.type,
    actor: { kind: row.actor_kind, id: row.actor_id, label: row.actor_label },
    runId: row.run_id,
    summary: row.summary,
    counts: row.counts,
    outcome: row.outcome,
    errorCode: errorCodeOf(row.error_code),
    errorCategory: row.error_category,
    detail: row.detail,
  };
}

async function memberChanges(
  tx: Queryable,
  event: EventRow,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: AuditMemberChange[]; nextCursor: string | null }> {
  const afterId = decodeIdCursor(cursor, 'changesCursor');
  const byRun = event.run_id !== null && RUN_SCOPED.has(event.type);
  // Oldest first on the identity column; each branch is one range scan of its partial index.
  const { rows } = await tx.query<ChangeRow>(
    `select c.id::text as id, c.member_id, c.external_id, m.first_name, m.last_name, c.change, c.fields, c.rule_version, c.occurred_at
       from sync.audit_member_changes c
       left join sync.members m on m.id = c.member_id
      where ${byRun ? 'c.run_id = $1' : 'c.event_id = $1'}
        and ($2::bigint is null or c.id > $2::bigint)
      order by c.id
      limit $3`,
    [byRun ? event.run_id : event.id, afterId, limit + 1],
  );
  const page = pageFrom(rows, limit, (row) => [row.id]);
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      memberId: row.member_id,
      externalId: row.external_id,
      memberName: row.first_name === null ? null : `${row.first_name} ${row.last_name ?? ''}`.trim(),
      change: row.change,
      fields: row.fields,
      ruleVersion: row.rule_version,
      occurredAt: toIsoRequired(row.occurred_at),
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * The admins in the trail, by a loose index scan: from each admin id, the next one is one probe of
 * audit_events_org_actor_idx (per organization) or audit_events_actor_idx (all of them), and each
 * admin's latest event there one more probe; so the cost grows with the number of admins, never with
 * the number of events. `most` is the placeholder of the most admins to read.
 */
function adminsInTrailStatement(perOrganization: boolean, most: string): string {
  const org = perOrganization ? 'e.org_id = o.org_id and ' : '';
  return `
    with recursive seen(actor_id, n) as (
      (select e.actor_id, 1 from sync.audit_events e
        where ${org}e.actor_kind = 'admin' and e.actor_id is not null
        order by e.actor_id limit 1)
      union all
      select (select e.actor_id from sync.audit_events e
               where ${org}e.actor_kind = 'admin' and e.actor_id > seen.actor_id
               order by e.actor_id limit 1), seen.n + 1
        from seen where seen.actor_id is not null and seen.n < ${most}
    )
    select seen.actor_id as id, latest.actor_label as name, extract(epoch from latest.occurred_at)::float8 as at
      from seen
      cross join lateral (
        select e.actor_label, e.occurred_at from sync.audit_events e
         where ${org}e.actor_kind = 'admin' and e.actor_id = seen.actor_id
         order by e.occurred_at desc, e.id desc limit 1
      ) latest
     where seen.actor_id is not null`;
}

interface ActorRow {
  id: string;
  name: string;
  at: number;
}

/** The statement for the caller's scope: per organization it is run once for each (a lateral join). */
function adminsInTrailSql(orgIds: string[] | null): { sql: string; params: unknown[] } {
  if (orgIds === null) return { sql: adminsInTrailStatement(false, '$1'), params: [MAX_AUDIT_ACTORS] };
  return {
    sql: `select a.id, a.name, a.at from unnest($1::uuid[]) as o(org_id) cross join lateral (${adminsInTrailStatement(true, '$2')}) a`,
    params: [orgIds, MAX_AUDIT_ACTORS],
  };
}

/** One choice per admin, under the name of their latest event in any of the organizations read. */
function latestNames(rows: readonly ActorRow[]): AuditActors {
  const latest = new Map<string, ActorRow>();
  for (const row of rows) {
    const seen = latest.get(row.id);
    if (!seen || row.at > seen.at) latest.set(row.id, row);
  }
  return [...latest.values()]
    .slice(0, MAX_AUDIT_ACTORS)
    .map(({ id, name }) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.id.localeCompare(b.id));
}

export function registerAuditHandlers(router: Router<Operations, BackendContext>): void {
  router.register('audit.list', async ({ orgId, integrationId, types, actor, from, to, cursor, limit }, { db, caller }) => {
    const after = decodeTimeCursor(cursor);
    return asCaller(db, caller, async (tx) => {
      const scope = await beginList(tx, caller, { orgId, integrationId });
      // Newest first on (occurred_at, id), a range per organization (or of the integration, or
      // of all) of audit_events_{org,all,integration}_idx; by type, one range per type of
      // audit_events_*type_idx; by actor, of audit_events_*actor_idx (an integration's check the
      // actor on its rows). The period bounds each range.
      const query =
        scope.kind === 'none'
          ? null
          : keysetListSql({
              table: 'sync.audit_events',
              alias: 'e',
              time: 'occurred_at',
              select: EVENT_COLUMNS,
              keys: [...scopeKeys(scope), ...(types === undefined ? [] : [listKey('type', types)])],
              where: (param) => [
                ...(actor === undefined
                  ? []
                  : [
                      `e.actor_kind = ${param(actor.kind, 'text')}`,
                      actor.kind === 'admin' ? `e.actor_id = ${param(actor.id, 'uuid')}` : 'e.actor_id is null',
                    ]),
                ...(from === undefined ? [] : [`e.occurred_at >= ${param(from, 'timestamptz')}`]),
                ...(to === undefined ? [] : [`e.occurred_at < ${param(to, 'timestamptz')}`]),
                ...scopeWhere(scope, 'e', param),
              ],
              after,
              limit,
            });
      const rows = await readList<EventRow>(tx, query);
      const page = pageFrom(rows, limit, (row) => [row.key_at, row.id]);
      return { items: page.rows.map(toEventView), nextCursor: page.nextCursor };
    });
  });

  router.register('audit.actors', async ({ orgId }, { db, caller }) =>
    asCaller(db, caller, async (tx) => {
      const scope = await beginList(tx, caller, { orgId });
      const orgIds = scope.kind === 'orgs' || scope.kind === 'integration' ? scope.orgIds : null;
      return latestNames(await readList<ActorRow>(tx, scope.kind === 'none' ? null : adminsInTrailSql(orgIds)));
    }),
  );

  router.register('audit.get', async ({ eventId, changesCursor, changesLimit }, { db, caller }) =>
    asCaller(db, caller, async (tx) => {
      const { rows } = await tx.query<EventRow>(`select ${EVENT_COLUMNS} from sync.audit_events e where e.id = $1`, [eventId]);
      const event = rows[0];
      if (!event) throw notFound('The audit event');
      return { event: toEventView(event), changes: await memberChanges(tx, event, changesCursor, changesLimit) };
    }),
  );
}
