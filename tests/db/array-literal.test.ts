// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayLiteral } from '../../backend/db/array-literal.ts';
import type { Db } from '../../backend/db/port.ts';
import { databaseTargets, openMigrated } from './harness.ts';

const awkward = [
  'plain',
  '',
  'NULL',
  'null',
  ' spaced  out ',
  'comma, and {braces}',
  'quote " inside',
  'back\\slash',
  '\\"both\\"',
  'line\nbreak\ttab',
  'Ærlig Øystein Åsen',
  'emoji 🙂 and 中文',
  '{"looks":"like json"}',
];

describe.each(databaseTargets())('array literals on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await openMigrated(target);
  });
  afterAll(async () => db?.close());

  it('round-trips every text value, in order, including NULL and the word NULL', async () => {
    const values = [...awkward, null];
    const { rows } = await db.query<{ value: string | null; n: number }>(
      `select value, n::int from unnest($1::text[]) with ordinality as t(value, n) order by n`,
      [arrayLiteral(values)],
    );
    expect(rows.map((row) => row.value)).toEqual(values);
  });

  it('feeds typed columns side by side to unnest', async () => {
    const { rows } = await db.query<{ id: string; born: string | null; ok: boolean | null; at: string }>(
      `select id::text, born::text, ok, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as at
         from unnest($1::uuid[], $2::date[], $3::boolean[], $4::timestamptz[]) as r(id, born, ok, at)`,
      [
        arrayLiteral(['0192f0a0-0000-7000-8000-000000000001', '0192f0a0-0000-7000-8000-000000000002']),
        arrayLiteral(['1980-02-29', null]),
        arrayLiteral([true, null]),
        arrayLiteral(['2023-04-21T11:08:24+02:00', '2026-11-23T00:00:00Z']),
      ],
    );
    expect(rows).toEqual([
      { id: '0192f0a0-0000-7000-8000-000000000001', born: '1980-02-29', ok: true, at: '2023-04-21T09:08:24' },
      { id: '0192f0a0-0000-7000-8000-000000000002', born: null, ok: null, at: '2026-11-23T00:00:00' },
    ]);
  });

  it('nests: a text[] of array literals casts back to the arrays, one per row', async () => {
    const perRow = [['member', 'chair'], [], ['quote " and , comma']];
    const { rows } = await db.query<{ roles: string[] }>(`select r::text[] as roles from unnest($1::text[]) with ordinality as t(r, n) order by n`, [
      arrayLiteral(perRow.map((roles) => arrayLiteral(roles))),
    ]);
    expect(rows.map((row) => row.roles)).toEqual(perRow);
  });

  it('is an empty array for no values', async () => {
    const { rows } = await db.query<{ n: number }>(`select cardinality($1::text[])::int as n`, [arrayLiteral([])]);
    expect(rows[0]?.n).toBe(0);
  });
});
