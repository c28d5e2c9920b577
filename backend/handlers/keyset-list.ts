import type { Caller, Queryable } from '../db/port.ts';
import type { TimeKeyset } from './paging.ts';

/**
 * How the console's lists read a page: one index range per combination of equality keys, in
 * keyset order (time desc, id desc), each cut at `limit + 1` rows and merged. The indexes are in
 * supabase/migrations/20261216090000_list_indexes.sql; each list names keys that lead one of them.
 *
 * Row-level security still decides what a caller sees. The scope below only keeps a scan from
 * walking rows the policy would throw away: an admin of a few organizations reads their ranges,
 * never the whole table filtered row by row.
 */

/**
 * Past this many organizations, an admin's lists read the all-organizations index and let
 * row-level security filter: so many ranges would cost more than the rows passed over.
 */
export const MAX_ORG_RANGES = 32;

/** Whose rows a list reads; `none` is an empty page without a query. */
export type ListScope =
  { kind: 'all' } | { kind: 'orgs'; orgIds: string[] } | { kind: 'integration'; integrationId: string; orgIds: string[] | null } | { kind: 'none' };

// The list statement is planned without sorts. Every list has an index range in its order, and a
// page is `limit + 1` rows of it; a sort is never cheaper by more than a few rows, but the planner
// picks one when it guesses a range small (a lateral range's organization is unknown when it plans,
// so it guesses the average one), and then it reads and sorts the whole range, however big.
// The merge of several ranges still sorts what their limits let through: nothing else can.
// A disabled sort still in the plan counts as a huge cost, which would have the server compile
// the statement (JIT, some 150 ms) to run a page of rows: so no JIT either.
const PLAN_WITHOUT_SORTS = `set_config('enable_sort', 'off', true), set_config('enable_incremental_sort', 'off', true),
  set_config('jit', 'off', true)`;
// Back to the session's own values (pg_settings.reset_val), whatever the server's configuration.
const PLAN_AS_USUAL = `select set_config(name, reset_val, true) from pg_settings
  where name in ('enable_sort', 'enable_incremental_sort', 'jit')`;

/**
 * Starts a list call in the caller's transaction: its scope (an integration if one is asked for,
 * else the organization asked for, else the caller's own organizations, all of them for a global
 * admin or the service), and the planner settings for its statement, which `readList` runs. What a
 * non-global admin asks for outside their organizations is empty at once, not a scan that
 * row-level security filters to nothing.
 */
export async function beginList(
  tx: Queryable,
  caller: Caller,
  filter: { orgId?: string | undefined; integrationId?: string | undefined },
): Promise<ListScope> {
  const { orgId, integrationId } = filter;
  if (caller.kind === 'service') {
    await tx.query(`select ${PLAN_WITHOUT_SORTS}`);
    if (integrationId !== undefined) return { kind: 'integration', integrationId, orgIds: orgId === undefined ? null : [orgId] };
    return orgId === undefined ? { kind: 'all' } : { kind: 'orgs', orgIds: [orgId] };
  }
  // One round trip, as the caller: the organizations they administer, and the integration's
  // organization if they may see the integration.
  const { rows } = await tx.query<{ global: boolean; org_ids: string[] | null; integration_org: string | null }>(
    `select ${PLAN_WITHOUT_SORTS}, g.global,
            case when g.global then null else array(select sync.administered_org_ids()) end as org_ids,
            (select i.org_id from sync.integrations i where $1::uuid is not null and i.id = $1::uuid) as integration_org
       from (select sync.is_global_admin() as global) g`,
    [integrationId ?? null],
  );
  const row = rows[0];
  if (!row) return { kind: 'none' };
  if (row.global) {
    if (integrationId !== undefined) {
      if (orgId !== undefined && row.integration_org !== null && row.integration_org !== orgId) return { kind: 'none' };
      return { kind: 'integration', integrationId, orgIds: orgId === undefined ? null : [orgId] };
    }
    return orgId === undefined ? { kind: 'all' } : { kind: 'orgs', orgIds: [orgId] };
  }
  const administered = row.org_ids ?? [];
  const orgIds = orgId === undefined ? administered : administered.filter((id) => id === orgId);
  if (integrationId !== undefined) {
    // An integration the caller cannot see (another organization's, or one since deleted) has no rows for them.
    if (row.integration_org === null || !orgIds.includes(row.integration_org)) return { kind: 'none' };
    return { kind: 'integration', integrationId, orgIds: [row.integration_org] };
  }
  if (orgIds.length === 0) return { kind: 'none' };
  return orgIds.length > MAX_ORG_RANGES ? { kind: 'all' } : { kind: 'orgs', orgIds };
}

/** Runs a list's statement (none: an empty page) and plans the rest of the transaction as usual again. */
export async function readList<Row>(tx: Queryable, query: { sql: string; params: unknown[] } | null): Promise<Row[]> {
  const rows = query ? (await tx.query<Row>(query.sql, query.params)).rows : [];
  await tx.query(PLAN_AS_USUAL);
  return rows;
}

/** Adds a parameter and returns its placeholder, cast to `type`. */
export type Param = (value: unknown, type: string) => string;

/** An equality key leading the index; several values make one range each. */
export interface ListKey {
  column: string;
  type: 'uuid' | 'text';
  values: readonly string[];
}

export interface KeysetListQuery {
  /** e.g. `sync.conflicts`, read under `alias`. */
  table: string;
  alias: string;
  /** The list's time column; the order is (time desc, id desc). */
  time: string;
  /** Columns of `alias` (and of the joins) the page returns. */
  select: string;
  /** Joined to the page's rows only, after the ranges are merged and cut (`alias` is the page). */
  join?: string;
  /** In the order the index leads with them. A key with no values is an empty page. */
  keys: readonly ListKey[];
  /** Further conditions on `alias`, written with `param`; evaluated inside each range. */
  where?: (param: Param) => readonly string[];
  after: TimeKeyset | null;
  limit: number;
}

/**
 * One statement that reads `limit + 1` rows of every range and keeps the newest `limit + 1`.
 * With one range it is a plain ordered scan; with several, a lateral join over the keys' values
 * (parameters, so the text does not grow with them) whose sort sees at most ranges × (limit + 1) rows.
 */
export function keysetListSql(query: KeysetListQuery): { sql: string; params: unknown[] } | null {
  if (query.keys.some((key) => key.values.length === 0)) return null;
  const t = query.alias;
  const params: unknown[] = [];
  const param: Param = (value, type) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  const sources: string[] = [];
  const conditions: string[] = [];
  query.keys.forEach((key, i) => {
    if (key.values.length === 1) {
      conditions.push(`${t}.${key.column} = ${param(key.values[0], key.type)}`);
    } else {
      sources.push(`unnest(${param([...new Set(key.values)], `${key.type}[]`)}) as k${i}(v)`);
      conditions.push(`${t}.${key.column} = k${i}.v`);
    }
  });
  conditions.push(...(query.where?.(param) ?? []));
  if (query.after) conditions.push(`(${t}.${query.time}, ${t}.id) < (${param(query.after.at, 'timestamptz')}, ${param(query.after.id, 'uuid')})`);
  const limit = param(query.limit + 1, 'int');
  const where = conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
  const order = (alias: string) => `order by ${alias}.${query.time} desc, ${alias}.id desc`;
  const join = query.join ?? '';
  if (sources.length === 0) {
    return { sql: `select ${query.select} from ${query.table} ${t} ${join} ${where} ${order(t)} limit ${limit}`, params };
  }
  const sql = `select ${query.select}
      from (select ranged.*
              from ${sources.join(' cross join ')}
             cross join lateral (select ${t}.* from ${query.table} ${t} ${where} ${order(t)} limit ${limit}) ranged
             ${order('ranged')}
             limit ${limit}) ${t}
      ${join}
     ${order(t)}`;
  return { sql, params };
}

/** The scope as the keys that lead an index: the integration's, the organizations', or none. */
export function scopeKeys(scope: Exclude<ListScope, { kind: 'none' }>): ListKey[] {
  switch (scope.kind) {
    case 'all':
      return [];
    case 'orgs':
      return [{ column: 'org_id', type: 'uuid', values: scope.orgIds }];
    case 'integration':
      return [{ column: 'integration_id', type: 'uuid', values: [scope.integrationId] }];
  }
}

/** An integration's rows of other organizations than asked for are not the caller's: a check on the row, not a key. */
export function scopeWhere(scope: ListScope, alias: string, param: Param): string[] {
  return scope.kind === 'integration' && scope.orgIds !== null ? [`${alias}.org_id = any(${param(scope.orgIds, 'uuid[]')})`] : [];
}

/** A text key, e.g. a status or a type. */
export function listKey(column: string, values: readonly string[]): ListKey {
  return { column, type: 'text', values };
}
