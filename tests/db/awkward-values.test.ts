// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from './harness.ts';
import { integrationId, openEngineFixture, type EngineFixture } from './support/engine-fixture.ts';

// New members reach PostgreSQL as typed array literals, changed members as JSON (apply-page.ts).
// Values that mean something in either syntax must arrive exactly as the registry sent them.
const awkward = [
  { firstName: 'Anne "Nan"', lastName: 'Back\\slash, {brace}' },
  { firstName: 'NULL', lastName: "O'Brien" },
  { firstName: 'Line\nbreak', lastName: 'Tab\there' },
  { firstName: 'Ærlig 🙂', lastName: '{"looks":"like json"}' },
];

describe.each(databaseTargets())('values with quotes, escapes and braces on $name', (target) => {
  let f: EngineFixture;
  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: 40, seed: 5 });
  });
  afterAll(async () => f?.close());

  const names = async (externalIds: readonly string[]) => {
    const { rows } = await f.db.query<{ external_id: string; first_name: string; last_name: string; roles: string[] }>(
      `select l.external_id, m.first_name, m.last_name, m.roles from sync.members m
         join sync.member_links l on l.member_id = m.id
        where l.integration_id = $1 and l.external_id = any($2::text[]) order by l.external_id`,
      [integrationId, externalIds],
    );
    return rows;
  };

  it('creates members with them intact, then updates them to other such values', async () => {
    const ids = awkward.map((patch, i) => f.sim.updateMember(i + 1, patch).memberId);
    expect(await f.sync()).toMatchObject({ outcome: 'succeeded' });
    expect((await names(ids)).map((row) => ({ firstName: row.first_name, lastName: row.last_name }))).toEqual(awkward);

    const swapped = awkward.map(({ firstName, lastName }) => ({ firstName: lastName, lastName: firstName }));
    swapped.forEach((patch, i) => f.sim.updateMember(i + 1, patch));
    expect(await f.sync()).toMatchObject({ outcome: 'succeeded' });
    expect((await names(ids)).map((row) => ({ firstName: row.first_name, lastName: row.last_name }))).toEqual(swapped);
  });
});
