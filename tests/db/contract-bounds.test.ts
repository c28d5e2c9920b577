// @vitest-environment node
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Db } from '../../backend/db/port.ts';
import { operations } from '../../shared/contract/operations.ts';
import { INSTANT_RANGE } from '../../shared/domain/storable.ts';
import { databaseTargets, openMigrated } from './harness.ts';
import { defOf, hasChecks, numberBounds, WRAPPERS } from '../support/fuzz/zod-schema.ts';
import { isoLikeInstant } from '../support/fuzz/hostile-values.ts';
import { FUZZ_SEED } from '../support/fuzz/settings.ts';

/**
 * Every number and date the contract bounds, found by walking each operation's input and output
 * schemas, set against where the database keeps it: a column and its check constraints, the SQL
 * type a handler binds it as, or nothing (a value the backend derives). Inputs: whatever the
 * contract accepts, the database must accept, and the database must refuse what lies just past
 * the contract's bounds (the two draw the same line). Outputs: whatever a column can hold, the
 * contract must accept on the way out. A bounded field that is not in the table fails the test.
 */

type Target =
  | { kind: 'column'; table: string; column: string }
  | { kind: 'parameter'; sqlType: 'bigint' | 'integer' | 'timestamptz'; why: string }
  | { kind: 'derived'; why: string };

interface BoundedField {
  operation: string;
  direction: 'input' | 'output';
  /** e.g. items.counts.seen: array and record markers left out. */
  path: string;
  kind: 'number' | 'instant';
  schema: z.ZodType;
}

const column = (table: string, name: string): Target => ({ kind: 'column', table, column: name });
const RUN_COUNT_COLUMNS: Record<string, string> = {
  total: 'records_total',
  seen: 'records_seen',
  created: 'records_created',
  updated: 'records_updated',
  unchanged: 'records_unchanged',
  quarantined: 'records_quarantined',
  lapsed: 'records_lapsed',
  removed: 'records_removed',
  conflictsDetected: 'conflicts_detected',
  conflictsQueued: 'conflicts_queued',
};

/** Where each bounded field lives; the first rule that matches `<operation> <direction> <path>` decides. */
const WHERE: ReadonlyArray<readonly [RegExp, (match: RegExpMatchArray) => Target]> = [
  [/ input (limit|changesLimit)$/, () => ({ kind: 'parameter', sqlType: 'bigint', why: 'LIMIT $n (the page size plus one)' })],
  [/^audit\.list input (from|to)$/, () => ({ kind: 'parameter', sqlType: 'timestamptz', why: 'compared with occurred_at as $n::timestamptz' })],
  [/ (input|output) guardMaxPercent$/, () => column('sync.org_sync_settings', 'guard_max_percent')],
  [/ (input|output) guardMaxMembers$/, () => column('sync.org_sync_settings', 'guard_max_members')],
  [/ (input|output) (.*\.)?deltaIntervalMinutes$/, () => column('sync.integrations', 'delta_interval_minutes')],
  [
    /^integrations\.rotateWebhookSecret input overlapHours$/,
    () => ({ kind: 'parameter', sqlType: 'integer', why: 'make_interval(hours => $n) (webhook-secrets.ts)' }),
  ],
  [
    /^integrations\.testConnection output (memberCount|elapsedMs)$/,
    () => ({ kind: 'derived', why: "the registry's own member count, and the milliseconds the test took; never stored (connection-test.ts)" }),
  ],
  [/^demo\.registries output memberCount$/, () => ({ kind: 'derived', why: "the size of a demo simulator's register (demo-registries.ts)" })],
  [
    /^integrations\.\w+ output (.*\.)?signatureFailures\.last24h$/,
    () => ({ kind: 'derived', why: 'a sum of tallied refusals of the last day (integration-view.ts)' }),
  ],
  [/ output (.*\.)?counts\.(\w+)$/, (m) => column('sync.sync_runs', RUN_COUNT_COLUMNS[m[2] ?? ''] ?? `unknown count ${m[2]}`)],
  [
    / output (.*\.)?last(Full|Delta|Preview)?Run\.records(Seen|Created|Updated|Quarantined)$/,
    (m) => column('sync.sync_runs', `records_${(m[3] ?? '').toLowerCase()}`),
  ],
  [
    /^health\.list output (pendingConflicts|openAlerts\.\w+)$/,
    () => ({ kind: 'derived', why: 'count(*)::int of pending conflicts and open alerts (health.ts)' }),
  ],
  [/^alerts\.\w+ output (.*\.)?detail\.\w+$/, () => ({ kind: 'derived', why: "values the engine puts in an alert's jsonb detail (run-report.ts)" })],
  [/^runs\.quarantined output (.*\.)?occurrences$/, () => column('sync.quarantined_records', 'occurrences')],
  [/ output (.*\.)?durationMs$/, () => column('sync.sync_runs', 'duration_ms')],
  [
    /^rules\.preview output (pending|recent)\.\w+$/,
    () => ({ kind: 'derived', why: 'count(*)::int of conflicts, and the fixed look-back in days (rules.ts)' }),
  ],
  [/ output (.*\.)?(processed|total)$/, (m) => column('sync.sync_jobs', m[2] ?? '')],
  [
    / output (.*\.)?summary\.\w+$/,
    () => ({ kind: 'derived', why: "the engine's jsonb summary of a held or dry run; a row that does not fit is left out (runs.ts)" }),
  ],
  [
    / output (.*\.)?memberCount$/,
    () => ({ kind: 'derived', why: 'records seen less those quarantined, of the last successful full run (health.ts)' }),
  ],
  [/^runs\.approve output (lapsed|removed|updated)$/, () => ({ kind: 'derived', why: 'counts of what the approval applied (held-runs.ts)' })],
  [/^conflicts\.\w+ output (.*\.)?ruleVersion$/, () => column('sync.conflicts', 'rule_version')],
  [/^audit\.get output (.*\.)?ruleVersion$/, () => column('sync.audit_member_changes', 'rule_version')],
  [/^rules\.\w+ output (.*\.)?version$/, () => column('sync.conflict_rules', 'version')],
  [/^alerts\.\w+ output (.*\.)?occurrences$/, () => column('sync.alerts', 'occurrences')],
  [/^enrichment\.\w+ output (.*\.)?stats\.baselineMissing$/, () => column('sync.enrichment_settings', 'baseline_missing')],
  [/^enrichment\.\w+ output (.*\.)?stats\.baselineUnder15$/, () => column('sync.enrichment_settings', 'baseline_under_15')],
  [/^enrichment\.\w+ output (.*\.)?attempts$/, () => column('sync.enrichment_events', 'attempts')],
  [
    /^enrichment\.\w+ output (.*\.)?(stats|total)\.(weekly\.)?\w+$/,
    () => ({ kind: 'derived', why: 'count(*)::int of enrichment events and members, their sums and a percentage (enrichment-stats.ts)' }),
  ],
];

function* bounded(schema: z.ZodType, at: Omit<BoundedField, 'kind' | 'schema'>): Generator<BoundedField> {
  const def = defOf(schema);
  const inner = (key: string) => def[key] as z.ZodType;
  if (WRAPPERS.has(def.type)) {
    yield* bounded(inner('innerType'), at);
    return;
  }
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def['shape'] as Record<string, z.ZodType>)) {
        yield* bounded(value, { ...at, path: at.path ? `${at.path}.${key}` : key });
      }
      return;
    case 'pipe':
      yield* bounded(inner('in'), at);
      return;
    case 'array':
      yield* bounded(inner('element'), at);
      return;
    case 'record':
      yield* bounded(inner('valueType'), at);
      return;
    case 'union':
      for (const option of def['options'] as z.ZodType[]) yield* bounded(option, at);
      return;
    case 'tuple':
      for (const item of def['items'] as z.ZodType[]) yield* bounded(item, at);
      return;
    case 'number':
      if (hasChecks(schema)) yield { ...at, kind: 'number', schema };
      return;
    case 'string':
      // Dates a caller gives; the dates we answer with are the database's own.
      if (def['format'] === 'datetime' && at.direction === 'input') yield { ...at, kind: 'instant', schema };
      return;
    default:
      return;
  }
}

const fields: BoundedField[] = Object.entries(operations).flatMap(([operation, { input, output }]) => [
  ...bounded(input, { operation, direction: 'input', path: '' }),
  ...bounded(output, { operation, direction: 'output', path: '' }),
]);
const keyOf = (field: BoundedField) => `${field.operation} ${field.direction} ${field.path}`;
function targetOf(field: BoundedField): Target | null {
  for (const [pattern, target] of WHERE) {
    const match = keyOf(field).match(pattern);
    if (match) return target(match);
  }
  return null;
}

/** Numbers to try against a field: its bounds and their neighbours, the values that broke things before, and random doubles. */
function numberProbes(schema: z.ZodType): number[] {
  const { min, max, step } = numberBounds(schema);
  const nudge = step ?? 1;
  const around = (value: number | undefined) =>
    value === undefined ? [] : [value, value - nudge, value + nudge, value - 1e-9, value + 1e-9, value / 2];
  const special = [
    0,
    -0,
    -1,
    1,
    0.004,
    0.005,
    1e-9,
    5e-324,
    0.1 + 0.2,
    12.345,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 53,
    Number.MAX_VALUE,
    Number.NaN,
    Infinity,
    -Infinity,
  ];
  const random = fc.sample(fc.oneof(fc.double(), fc.integer(), fc.double({ min: -10, max: 1_000_001 })), { seed: FUZZ_SEED, numRuns: 60 });
  return [...around(min), ...around(max), ...special, ...random];
}

const instantProbes: string[] = [
  INSTANT_RANGE.min,
  INSTANT_RANGE.max,
  '0000-12-31T23:59:59Z',
  '0001-01-01T00:00:00+01:00',
  '9999-12-31T23:59:59-14:00',
  '2024-01-01T00:00:00+14:00',
  '2024-01-01T00:00:00+15:59',
  '2024-01-01T00:00:00+16:00',
  ...fc.sample(isoLikeInstant(), { seed: FUZZ_SEED, numRuns: 400 }),
];

/** A number as PostgreSQL reads it in a text parameter. */
const sqlText = (value: number): string =>
  Number.isNaN(value) ? 'NaN' : value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : String(value);
const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const refusedByType = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && String((error as { code?: unknown }).code).startsWith('22');
/** The same number, allowing for the last bits of a double (0.1 + 0.2 is stored as 0.30). */
const sameNumber = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe.each(databaseTargets())('contract bounds and the database agree on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await openMigrated(target);
  });
  afterAll(async () => db?.close());

  const probeSql = new Map<string, Promise<string>>();
  /** A query that casts $1 to the column's type and evaluates its checks: built once per column. */
  function probeQuery(table: string, name: string): Promise<string> {
    const key = `${table}.${name}`;
    let query = probeSql.get(key);
    if (!query) {
      query = (async () => {
        const { rows: columns } = await db.query<{ name: string; type: string }>(
          `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
            where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum`,
          [table],
        );
        if (!columns.some((candidate) => candidate.name === name)) throw new Error(`${table} has no column ${name}`);
        const { rows: checks } = await db.query<{ def: string }>(
          `select pg_get_constraintdef(c.oid) as def from pg_constraint c
            where c.conrelid = $1::regclass and c.contype = 'c'
              and (select attnum from pg_attribute where attrelid = $1::regclass and attname = $2) = any(c.conkey)`,
          [table, name],
        );
        const row = columns
          .map((c) => (c.name === name ? `$1::${c.type} as ${quoteIdent(c.name)}` : `null::${c.type} as ${quoteIdent(c.name)}`))
          .join(', ');
        const condition = checks.map(({ def }) => def.replace(/^CHECK /, '').replace(/ NOT VALID$/, '')).join(' and ') || 'true';
        return `select ${quoteIdent(name)}::text as stored, (${condition}) as ok from (select ${row}) as probe`;
      })();
      probeSql.set(key, query);
    }
    return query;
  }

  /**
   * Whether the column can hold `value`: its type takes it, and every check constraint that
   * names it passes (with the row's other columns null, as a check ignores what is unknown).
   * Returns the value as stored (numeric(5, 2) rounds), or null when the column refuses it.
   */
  // Many fields of the contract are the same column (a job's counts in every answer that carries a
  // job): each column is probed with each value once.
  const probed = new Map<string, Promise<string | null>>();
  function columnHolds(table: string, name: string, value: string): Promise<string | null> {
    const key = `${table}.${name} ${value}`;
    let answer = probed.get(key);
    if (answer === undefined) {
      answer = probeColumn(table, name, value);
      probed.set(key, answer);
    }
    return answer;
  }

  async function probeColumn(table: string, name: string, value: string): Promise<string | null> {
    const sql = await probeQuery(table, name);
    try {
      const { rows } = await db.query<{ stored: string; ok: boolean | null }>(sql, [value]);
      return rows[0]?.ok === false ? null : (rows[0]?.stored ?? null);
    } catch (error) {
      // Only the type refusing the value (SQLSTATE class 22, a data exception) is an answer; any
      // other error is a broken probe, and must not pass as "the column refuses".
      if (refusedByType(error)) return null;
      throw error;
    }
  }

  async function castable(sqlType: string, value: string): Promise<boolean> {
    try {
      await db.query(`select $1::${sqlType}`, [value]);
      return true;
    } catch (error) {
      if (refusedByType(error)) return false;
      throw error;
    }
  }

  it('every bounded field of the contract is placed', () => {
    expect(fields.length).toBeGreaterThan(20);
    expect(fields.filter((field) => targetOf(field) === null).map(keyOf)).toEqual([]);
  });

  it.each(fields.filter((field) => field.direction === 'input').map((field) => [keyOf(field), field] as const))(
    '%s: what the contract accepts, the database takes, and both stop at the same bounds',
    async (_key, field) => {
      const where = targetOf(field);
      if (where === null || where.kind === 'derived') throw new Error(`${keyOf(field)} is an input, so it must reach SQL somewhere`);
      const probes =
        field.kind === 'number'
          ? numberProbes(field.schema).map((value) => [value, sqlText(value)] as const)
          : instantProbes.map((value) => [value, value] as const);
      const disagreements: string[] = [];
      for (const [value, text] of probes) {
        if (!field.schema.safeParse(value).success) continue;
        if (where.kind === 'parameter') {
          if (!(await castable(where.sqlType, text))) disagreements.push(`the contract accepts ${text}, the database does not`);
          continue;
        }
        const stored = await columnHolds(where.table, where.column, text);
        if (stored === null) disagreements.push(`the contract accepts ${text}, the database does not`);
        // Taken but changed (numeric(5, 2) rounding 12.345 to 12.35) is a disagreement too.
        else if (typeof value === 'number' && !sameNumber(Number(stored), value))
          disagreements.push(`the contract accepts ${text}, the database stores ${stored}`);
      }

      if (field.kind === 'number' && where.kind === 'column') {
        const { min, max, step } = numberBounds(field.schema);
        for (const outside of [min === undefined ? null : min - (step ?? 1), max === undefined ? null : max + (step ?? 1)]) {
          if (outside === null || field.schema.safeParse(outside).success) continue;
          if ((await columnHolds(where.table, where.column, sqlText(outside))) !== null) {
            disagreements.push(`the database takes ${outside}, past the contract's bound`);
          }
        }
      }
      expect(disagreements).toEqual([]);
    },
  );

  it.each(
    fields.filter((field) => field.direction === 'output' && targetOf(field)?.kind === 'column').map((field) => [keyOf(field), field] as const),
  )('%s: whatever the column holds, the contract accepts on the way out', async (_key, field) => {
    const where = targetOf(field);
    if (where?.kind !== 'column') throw new Error('unreachable: filtered to columns');
    const disagreements: string[] = [];
    let held = 0;
    for (const value of numberProbes(field.schema)) {
      const stored = await columnHolds(where.table, where.column, sqlText(value));
      if (stored === null) continue;
      held += 1;
      if (!field.schema.safeParse(Number(stored)).success)
        disagreements.push(`${where.table}.${where.column} holds ${stored}, which the contract refuses`);
    }
    expect([...new Set(disagreements)]).toEqual([]);
    // Not vacuous: the column held some of the probes.
    expect(held).toBeGreaterThan(0);
  });
});
