// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller, Db } from '../../backend/db/port.ts';
import { fillListRows, type ListWorld } from '../support/list-rows.ts';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.ts';
import { handlerCalls } from './support/handlers-fixture.ts';

/**
 * Every list the console pages reads index ranges in keyset order, whatever its filters: the plan
 * of each list's own statement, as the handler sends it and as the caller (role and claims, so
 * row-level security is in the plan), over tables big enough for the planner to mean it. Plans,
 * never timings (bench/list-pages.ts has those).
 */

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

interface Recorded {
  sql: string;
  plan: PlanNode;
}

// The list statements: ordered newest first by a list's time column.
const LIST_STATEMENT = /order by \w+\.(detected_at|started_at|last_raised_at|occurred_at) desc/;

/** `db`, but each list statement is first explained with its parameters in the handler's own transaction. */
function explaining(db: Db, recorded: Recorded[]): Db {
  return {
    ...db,
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          async query(sql, params) {
            if (LIST_STATEMENT.test(sql)) {
              const { rows } = await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (format json) ${sql}`, params);
              const plan = rows[0]?.['QUERY PLAN'][0].Plan;
              if (plan) recorded.push({ sql, plan });
            }
            return tx.query(sql, params);
          },
        }),
      ),
  };
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** Scans of `table` below `node` that no Limit cuts off on the way up to it. */
function unboundedScans(node: PlanNode, table: string): PlanNode[] {
  if (node['Node Type'] === 'Limit') return [];
  if (node['Relation Name'] === table) return [node];
  return (node.Plans ?? []).flatMap((child) => unboundedScans(child, table));
}

function describePlan(plan: PlanNode, depth = 0): string {
  const what = [plan['Node Type'], plan['Relation Name'], plan['Index Name']].filter(Boolean).join(' ');
  return [`${'  '.repeat(depth)}${what}`, ...(plan.Plans ?? []).map((child) => describePlan(child, depth + 1))].join('\n');
}

type ListOperation = 'conflicts.list' | 'runs.list' | 'alerts.list' | 'audit.list';
const TABLE: Record<ListOperation, string> = {
  'conflicts.list': 'conflicts',
  'runs.list': 'sync_runs',
  'alerts.list': 'alerts',
  'audit.list': 'audit_events',
};

interface Case<K extends ListOperation = ListOperation> {
  name: string;
  caller: (w: ListWorld) => Caller;
  operation: K;
  input: (w: ListWorld) => Record<string, unknown>;
  /**
   * The index every range reads. A second one is the broader index with the rest of the filter
   * checked on its rows, which the planner may prefer when the rows asked for are a large share of
   * it (here 5–33 %): still one range in order, at most 1/share × (limit + 1) rows a page.
   */
  index: string | string[];
  /** One range (a plain ordered scan), or several merged (a lateral join, its sort over their cut rows only). */
  ranges: 'one' | 'several';
}

const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();

const cases: Case[] = [
  // conflicts.list
  {
    name: 'pending, global admin',
    caller: (w) => w.global,
    operation: 'conflicts.list',
    input: () => ({ status: 'pending' }),
    index: 'conflicts_list_idx',
    ranges: 'one',
  },
  {
    name: 'all, global admin',
    caller: (w) => w.global,
    operation: 'conflicts.list',
    input: () => ({ status: 'all' }),
    index: 'conflicts_list_idx',
    ranges: 'several',
  },
  {
    name: 'resolved in a rare category, global admin',
    caller: (w) => w.global,
    operation: 'conflicts.list',
    input: () => ({ status: 'resolved', category: 'affiliation' }),
    index: 'conflicts_list_category_idx',
    ranges: 'one',
  },
  {
    name: "pending, the big organization's admin by RLS",
    caller: (w) => w.bigAdmin,
    operation: 'conflicts.list',
    input: () => ({ status: 'pending' }),
    index: ['conflicts_list_org_idx', 'conflicts_list_idx'],
    ranges: 'one',
  },
  {
    name: 'pending, an admin of two small organizations',
    caller: (w) => w.smallAdmin,
    operation: 'conflicts.list',
    input: () => ({ status: 'pending' }),
    index: 'conflicts_list_org_idx',
    ranges: 'several',
  },
  {
    name: 'all in a rare category, an admin of two small organizations',
    caller: (w) => w.smallAdmin,
    operation: 'conflicts.list',
    input: () => ({ status: 'all', category: 'affiliation' }),
    index: 'conflicts_list_org_category_idx',
    ranges: 'several',
  },
  {
    name: 'resolved of one organization, global admin',
    caller: (w) => w.global,
    operation: 'conflicts.list',
    input: (w) => ({ orgId: w.bigOrgId, status: 'resolved' }),
    index: ['conflicts_list_org_idx', 'conflicts_list_idx'],
    ranges: 'one',
  },
  {
    name: 'resolved of an integration, its admin',
    caller: (w) => w.smallAdmin,
    operation: 'conflicts.list',
    input: (w) => ({ integrationId: w.smallIntegrationId, status: 'resolved' }),
    index: 'conflicts_list_integration_idx',
    ranges: 'one',
  },
  {
    name: 'all of an integration in a category, global admin',
    caller: (w) => w.global,
    operation: 'conflicts.list',
    input: (w) => ({ integrationId: w.bigIntegrationId, status: 'all', category: 'roles' }),
    index: 'conflicts_list_integration_category_idx',
    ranges: 'several',
  },
  // runs.list
  { name: 'all runs, global admin', caller: (w) => w.global, operation: 'runs.list', input: () => ({}), index: 'sync_runs_list_idx', ranges: 'one' },
  {
    name: 'failed runs, global admin',
    caller: (w) => w.global,
    operation: 'runs.list',
    input: () => ({ status: 'failed' }),
    index: 'sync_runs_list_status_idx',
    ranges: 'one',
  },
  {
    name: 'runs, an admin of two small organizations',
    caller: (w) => w.smallAdmin,
    operation: 'runs.list',
    input: () => ({}),
    index: 'sync_runs_list_org_idx',
    ranges: 'several',
  },
  {
    name: 'failed runs, an admin of two small organizations',
    caller: (w) => w.smallAdmin,
    operation: 'runs.list',
    input: () => ({ status: 'failed' }),
    index: 'sync_runs_list_org_status_idx',
    ranges: 'several',
  },
  {
    name: 'runs of the big organization, its admin by RLS',
    caller: (w) => w.bigAdmin,
    operation: 'runs.list',
    input: () => ({}),
    index: ['sync_runs_list_org_idx', 'sync_runs_list_idx'],
    ranges: 'one',
  },
  {
    name: 'runs of an integration, its admin',
    caller: (w) => w.bigAdmin,
    operation: 'runs.list',
    input: (w) => ({ integrationId: w.bigIntegrationId }),
    index: ['sync_runs_list_integration_idx', 'sync_runs_list_idx'],
    ranges: 'one',
  },
  {
    name: 'failed runs of an integration, global admin',
    caller: (w) => w.global,
    operation: 'runs.list',
    input: (w) => ({ integrationId: w.bigIntegrationId, status: 'failed' }),
    index: ['sync_runs_list_integration_status_idx', 'sync_runs_list_status_idx'],
    ranges: 'one',
  },
  {
    name: 'runs of one organization, global admin',
    caller: (w) => w.global,
    operation: 'runs.list',
    input: (w) => ({ orgId: w.bigOrgId }),
    index: ['sync_runs_list_org_idx', 'sync_runs_list_idx'],
    ranges: 'one',
  },
  // alerts.list
  {
    name: 'open alerts, global admin',
    caller: (w) => w.global,
    operation: 'alerts.list',
    input: () => ({ status: 'open' }),
    index: 'alerts_list_open_idx',
    ranges: 'one',
  },
  {
    name: 'all alerts, global admin',
    caller: (w) => w.global,
    operation: 'alerts.list',
    input: () => ({ status: 'all' }),
    index: 'alerts_list_idx',
    ranges: 'one',
  },
  {
    name: 'open alerts, an admin of two small organizations',
    caller: (w) => w.smallAdmin,
    operation: 'alerts.list',
    input: () => ({ status: 'open' }),
    index: 'alerts_list_open_org_idx',
    ranges: 'several',
  },
  {
    name: 'all alerts, an admin of two small organizations',
    caller: (w) => w.smallAdmin,
    operation: 'alerts.list',
    input: () => ({ status: 'all' }),
    index: 'alerts_org_idx',
    ranges: 'several',
  },
  {
    name: 'all alerts of one organization, global admin',
    caller: (w) => w.global,
    operation: 'alerts.list',
    input: (w) => ({ orgId: w.bigOrgId, status: 'all' }),
    index: ['alerts_org_idx', 'alerts_list_idx'],
    ranges: 'one',
  },
  {
    name: 'all alerts of an integration, global admin',
    caller: (w) => w.global,
    operation: 'alerts.list',
    input: (w) => ({ integrationId: w.bigIntegrationId, status: 'all' }),
    index: ['alerts_list_integration_idx', 'alerts_list_idx'],
    ranges: 'one',
  },
  // audit.list
  {
    name: 'all events, global admin',
    caller: (w) => w.global,
    operation: 'audit.list',
    input: () => ({}),
    index: 'audit_events_all_idx',
    ranges: 'one',
  },
  {
    name: 'a rare type, global admin',
    caller: (w) => w.global,
    operation: 'audit.list',
    input: () => ({ types: ['rules_changed'] }),
    index: 'audit_events_type_idx',
    ranges: 'one',
  },
  {
    name: 'a rare type, an admin of two small organizations',
    caller: (w) => w.smallAdmin,
    operation: 'audit.list',
    input: () => ({ types: ['rules_changed'] }),
    index: 'audit_events_org_type_idx',
    ranges: 'several',
  },
  {
    name: 'events, an admin of two small organizations',
    caller: (w) => w.smallAdmin,
    operation: 'audit.list',
    input: () => ({}),
    index: 'audit_events_org_idx',
    ranges: 'several',
  },
  {
    name: "two types, the big organization's admin by RLS",
    caller: (w) => w.bigAdmin,
    operation: 'audit.list',
    input: () => ({ types: ['webhook', 'source_write'] }),
    index: 'audit_events_org_type_idx',
    ranges: 'several',
  },
  {
    name: 'a period, the big organization',
    caller: (w) => w.bigAdmin,
    operation: 'audit.list',
    input: () => ({ from: at(20), to: at(10) }),
    index: ['audit_events_org_idx', 'audit_events_all_idx'],
    ranges: 'one',
  },
  {
    name: 'events of an integration, global admin',
    caller: (w) => w.global,
    operation: 'audit.list',
    input: (w) => ({ integrationId: w.bigIntegrationId }),
    index: ['audit_events_integration_idx', 'audit_events_all_idx'],
    ranges: 'one',
  },
  {
    name: 'one type of an integration, its admin',
    caller: (w) => w.smallAdmin,
    operation: 'audit.list',
    input: (w) => ({ integrationId: w.smallIntegrationId, types: ['sync_run'] }),
    index: 'audit_events_integration_type_idx',
    ranges: 'one',
  },
  {
    name: "an admin's events, global admin",
    caller: (w) => w.global,
    operation: 'audit.list',
    input: (w) => ({ actor: { kind: 'admin', id: w.bigAdmin.userId } }),
    index: 'audit_events_actor_idx',
    ranges: 'one',
  },
  {
    name: "the engine's events of one type, global admin",
    caller: (w) => w.global,
    operation: 'audit.list',
    input: () => ({ actor: { kind: 'engine' }, types: ['source_write'] }),
    index: ['audit_events_actor_idx', 'audit_events_type_idx', 'audit_events_all_idx'],
    ranges: 'one',
  },
  {
    name: "the engine's events, an admin of two small organizations",
    caller: (w) => w.smallAdmin,
    operation: 'audit.list',
    input: () => ({ actor: { kind: 'engine' } }),
    index: ['audit_events_org_actor_idx', 'audit_events_org_idx'],
    ranges: 'several',
  },
  {
    name: "a registry's events of an integration, its admin",
    caller: (w) => w.bigAdmin,
    operation: 'audit.list',
    input: (w) => ({ integrationId: w.bigIntegrationId, actor: { kind: 'registry' } }),
    index: 'audit_events_integration_idx',
    ranges: 'one',
  },
];

const serverUrl = process.env.DATABASE_URL;

describe.skipIf(serverUrl === undefined || serverUrl === '')('every list reads index ranges in keyset order on PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let world: ListWorld;
  const recorded: Recorded[] = [];
  const { ok } = handlerCalls(
    () => explaining(scratch.db, recorded),
    () => Promise.reject(new Error('The lists reach no registry')),
  );

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl ?? '', { prefix: 'msync_plans' });
    world = await fillListRows(scratch.db, { conflicts: 200_000, runs: 60_000, alerts: 60_000, auditEvents: 300_000 });
  }, 120_000);
  afterAll(async () => scratch?.drop());

  it.each(cases)('$operation: $name', async (listCase) => {
    const table = TABLE[listCase.operation];
    const pagePlans: Recorded[] = [];
    let cursor: string | undefined;
    // The first page and one further down, through the cursor the handler handed out.
    for (let page = 0; page < 2; page++) {
      recorded.length = 0;
      const input = { ...listCase.input(world), limit: 25, ...(cursor === undefined ? {} : { cursor }) };
      const result = await ok(listCase.caller(world), listCase.operation, input as never);
      expect(result.items.length, 'the case must list rows for its plan to mean anything').toBeGreaterThan(0);
      expect(recorded).toHaveLength(1);
      pagePlans.push(...recorded);
      cursor = result.nextCursor ?? undefined;
      if (cursor === undefined) break;
    }
    for (const { plan, sql } of pagePlans) {
      const shown = `${describePlan(plan)}\n\n${sql}`;
      const all = nodes(plan);
      const scans = all.filter((node) => node['Relation Name'] === table);
      expect(scans.length, shown).toBeGreaterThan(0);
      for (const scan of scans) {
        expect(scan['Node Type'], shown).toMatch(/^Index (Only )?Scan$/);
        expect(typeof listCase.index === 'string' ? [listCase.index] : listCase.index, shown).toContain(scan['Index Name']);
      }
      const sorts = all.filter((node) => /Sort/.test(node['Node Type']));
      if (listCase.ranges === 'one') {
        expect(sorts, shown).toEqual([]);
        expect(
          all.some((node) => node['Node Type'] === 'Nested Loop' && node.Plans?.some((child) => child['Node Type'] === 'Function Scan')),
          shown,
        ).toBe(false);
      } else {
        // The merge sorts only what each range's Limit let through, never the table's rows.
        for (const sort of sorts) expect(unboundedScans(sort, table), shown).toEqual([]);
        expect(
          all.some((node) => node['Node Type'] === 'Limit' && unboundedScans(node.Plans?.[0] ?? node, table).length > 0),
          shown,
        ).toBe(true);
      }
    }
  });

  it.each([
    { name: 'global admin', caller: (w: ListWorld) => w.global },
    { name: 'an admin of two small organizations', caller: (w: ListWorld) => w.smallAdmin },
  ])('audit.actors: $name finds the admins by index probes, never by reading the events', async ({ caller }) => {
    recorded.length = 0;
    const actors = await ok(caller(world), 'audit.actors', {});
    expect(actors.length, 'the case must find admins for its plan to mean anything').toBeGreaterThan(0);
    expect(recorded).toHaveLength(1);
    const [{ plan, sql }] = recorded as [Recorded];
    const shown = `${describePlan(plan)}\n\n${sql}`;
    const scans = nodes(plan).filter((node) => node['Relation Name'] === 'audit_events');
    expect(scans.length, shown).toBeGreaterThan(0);
    for (const scan of scans) {
      expect(scan['Node Type'], shown).toMatch(/^Index (Only )?Scan$/);
      expect(['audit_events_actor_idx', 'audit_events_org_actor_idx'], shown).toContain(scan['Index Name']);
    }
    // Each probe is cut at one row: nothing reads an index range whole.
    expect(
      nodes(plan).filter((node) => /Sort/.test(node['Node Type'])),
      shown,
    ).toEqual([]);
  });
});
