import type { Router } from '../rpc/router.ts';
import type { Operations } from '../../shared/contract/operations.ts';
import { ConflictValue, type ConflictSourceWrite, type ConflictView } from '../../shared/contract/conflicts.ts';
import type { ConflictResolution } from '../../shared/domain/conflict-rules.ts';
import { AppError, ErrorCode } from '../../shared/domain/errors.ts';
import type { DataCategory } from '../../shared/domain/member.ts';
import type { Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { resolveConflict } from '../engine/conflict-resolution.ts';
import { requireUser, type BackendContext } from './context.ts';
import { actingAdmin, adminRefOf, adminRefs } from './admins.ts';
import { decodeTimeCursor, keysetTime, pageFrom } from './paging.ts';
import { beginList, keysetListSql, listKey, readList, scopeKeys, scopeWhere } from './keyset-list.ts';
import { notFound, toIso, toIsoRequired } from './rows.ts';

interface ConflictRow {
  id: string;
  org_id: string;
  integration_id: string;
  member_id: string;
  external_id: string;
  first_name: string | null;
  last_name: string | null;
  category: DataCategory;
  app_value: unknown;
  external_value: unknown;
  app_changed_at: unknown;
  external_changed_at: unknown;
  rule_resolution: ConflictResolution;
  rule_version: number;
  proposed_winner: 'app' | 'external';
  status: 'pending' | 'resolved';
  winner: 'app' | 'external' | null;
  resolved_how: 'rule' | 'proposal' | 'override' | null;
  resolved_by: string | null;
  resolved_at: unknown;
  detected_at: unknown;
  key_at: string;
}

const CONFLICT_COLUMNS = `c.id, c.org_id, c.integration_id, c.member_id, c.external_id, m.first_name, m.last_name,
         c.category, c.app_value, c.external_value, c.app_changed_at, c.external_changed_at, c.rule_resolution,
         c.rule_version, c.proposed_winner, c.status, c.winner, c.resolved_how, c.resolved_by, c.resolved_at,
         c.detected_at, ${keysetTime('c.detected_at')} as key_at`;
const MEMBER_NAME_JOIN = 'left join sync.members m on m.id = c.member_id';
const CONFLICT_FROM = `select ${CONFLICT_COLUMNS}
    from sync.conflicts c
    ${MEMBER_NAME_JOIN}`;

interface WriteRow {
  conflict_id: string;
  status: 'pending' | 'done' | 'failed';
  error_code: string | null;
  created_at: unknown;
  finished_at: unknown;
}

/** The registry writes behind a page of conflicts, by primary key (at most one page of them). */
async function sourceWrites(tx: Queryable, rows: readonly ConflictRow[]): Promise<Map<string, WriteRow>> {
  const ids = rows.filter((row) => row.status === 'pending' || row.winner === 'app').map((row) => row.id);
  if (ids.length === 0) return new Map();
  const { rows: writes } = await tx.query<WriteRow>(
    `select c.id as conflict_id, w.status, w.error_code, w.created_at, w.finished_at
       from sync.conflicts c join sync.source_writes w on w.id = c.source_write_id
      where c.id = any($1::uuid[])`,
    [ids],
  );
  return new Map(writes.map((write) => [write.conflict_id, write]));
}

function sourceWriteOf(row: ConflictRow, write: WriteRow | undefined): ConflictSourceWrite | null {
  if (row.status === 'resolved' && row.winner === 'external') return { status: 'not_needed', errorCode: null, at: null };
  if (!write) {
    // An admin's choice for the app was written before it was recorded (rows from before
    // writes were linked); a rule's, without its outbox row, is still owed.
    if (row.status === 'pending') return null;
    return row.resolved_how === 'rule'
      ? { status: 'pending', errorCode: null, at: null }
      : { status: 'written', errorCode: null, at: toIso(row.resolved_at) };
  }
  if (write.status === 'pending') return { status: 'pending', errorCode: null, at: toIso(write.created_at) };
  if (write.status === 'done') return { status: 'written', errorCode: null, at: toIso(write.finished_at) };
  const code = ErrorCode.safeParse(write.error_code);
  return { status: 'failed', errorCode: code.success ? code.data : 'internal', at: toIso(write.finished_at) };
}

async function toConflictViews(tx: Queryable, rows: readonly ConflictRow[]): Promise<ConflictView[]> {
  const refs = await adminRefs(
    tx,
    rows.map((row) => row.resolved_by),
  );
  const writes = await sourceWrites(tx, rows);
  return rows.map((row) => ({
    id: row.id,
    orgId: row.org_id,
    integrationId: row.integration_id,
    memberId: row.member_id,
    externalId: row.external_id,
    memberName: row.first_name === null ? null : `${row.first_name} ${row.last_name ?? ''}`.trim(),
    category: row.category,
    // Parsed here as well as by the router: only a category's own fields may leave.
    appValue: ConflictValue.parse(row.app_value),
    externalValue: ConflictValue.parse(row.external_value),
    appChangedAt: toIsoRequired(row.app_changed_at),
    externalChangedAt: toIsoRequired(row.external_changed_at),
    ruleResolution: row.rule_resolution,
    ruleVersion: row.rule_version,
    proposedWinner: row.proposed_winner,
    status: row.status,
    winner: row.winner,
    resolvedHow: row.resolved_how,
    resolvedBy: adminRefOf(refs, row.resolved_by),
    resolvedAt: toIso(row.resolved_at),
    detectedAt: toIsoRequired(row.detected_at),
    sourceWrite: sourceWriteOf(row, writes.get(row.id)),
  }));
}

async function visibleConflict(tx: Queryable, conflictId: string): Promise<ConflictView> {
  const { rows } = await tx.query<ConflictRow>(`${CONFLICT_FROM} where c.id = $1`, [conflictId]);
  const [view] = await toConflictViews(tx, rows);
  if (!view) throw notFound('The conflict');
  return view;
}

export function registerConflictHandlers(router: Router<Operations, BackendContext>): void {
  router.register('conflicts.list', async ({ orgId, integrationId, status, category, cursor, limit }, { db, caller }) => {
    const after = decodeTimeCursor(cursor);
    return asCaller(db, caller, async (tx) => {
      const scope = await beginList(tx, caller, { orgId, integrationId });
      // Newest first on (detected_at, id): a range of a conflicts_list_* index per organization
      // (or the integration, or none for a global admin) and status ("all" is both), led by the
      // category when one is asked for. Names are joined to the page only.
      const query =
        scope.kind === 'none'
          ? null
          : keysetListSql({
              table: 'sync.conflicts',
              alias: 'c',
              time: 'detected_at',
              select: CONFLICT_COLUMNS,
              join: MEMBER_NAME_JOIN,
              keys: [
                ...scopeKeys(scope),
                listKey('status', status === 'all' ? ['pending', 'resolved'] : [status]),
                ...(category === undefined ? [] : [listKey('category', [category])]),
              ],
              where: (param) => scopeWhere(scope, 'c', param),
              after,
              limit,
            });
      const rows = await readList<ConflictRow>(tx, query);
      const page = pageFrom(rows, limit, (row) => [row.key_at, row.id]);
      return { items: await toConflictViews(tx, page.rows), nextCursor: page.nextCursor };
    });
  });

  router.register('conflicts.get', async ({ conflictId }, { db, caller }) => asCaller(db, caller, (tx) => visibleConflict(tx, conflictId)));

  router.register('conflicts.resolve', async ({ conflictId, choice }, { db, caller, resolveSource }) => {
    requireUser(caller);
    // Seen under RLS first: another organization's conflict is not_found, and nothing is written.
    const decider = await asCaller(db, caller, async (tx) => {
      const conflict = await visibleConflict(tx, conflictId);
      if (conflict.status !== 'pending') throw new AppError('conflict', 'This conflict has already been resolved.', 'org_admin');
      return actingAdmin(tx);
    });
    // The engine writes the member (and, when the app's value wins, the registry first) as the
    // service, and records the decision and who made it in the audit trail.
    await resolveConflict(db, resolveSource, { conflictId, choice }, decider);
    return asCaller(db, caller, (tx) => visibleConflict(tx, conflictId));
  });
}
