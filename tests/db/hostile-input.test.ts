// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeResult } from '../../shared/contract/bridge.ts';
import { databaseTargets } from './harness.ts';
import { openEngineFixture, type EngineFixture } from './support/engine-fixture.ts';
import { GLOBAL, handlerCalls, OLA, OWN } from './support/handlers-fixture.ts';

/** A cursor as the backend encodes one: base64url of its JSON key. */
const cursorFor = (key: readonly unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
const SOME_ID = '018f3c2e-7a1b-7c3d-8e4f-5a6b7c8d9e0f';

/** Keys shaped like the backend's own time keys, naming instants that do not exist or that PostgreSQL cannot hold. */
const impossibleInstants = [
  '2024-02-30T00:00:00.000000Z',
  '2023-02-29T00:00:00.000000Z',
  '0000-01-01T00:00:00.000000Z',
  '2024-13-01T00:00:00.000000Z',
  '2024-01-01T25:00:00.000000Z',
  '2024-01-01T00:61:00.000000Z',
  '2024-01-01T00:00:61.000000Z',
  '2024-00-10T00:00:00.000000Z',
  '2024-04-31T00:00:00.000000Z',
];

const expectInvalid = (answer: BridgeResult, path: string) => {
  expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', actor: 'org_admin' } });
  if (answer.ok) return;
  expect(answer.error.issues?.map((issue) => issue.path)).toContain(path);
};

describe.each(databaseTargets())('hostile input through the router on $name', (target) => {
  let f: EngineFixture;
  let runEventId: string;
  const { call, ok } = handlerCalls(
    () => f.db,
    (integrationId) => f.resolveSource(integrationId),
  );

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: 30, seed: 17 });
    expect((await f.sync()).outcome).toBe('succeeded');
    const page = await ok(GLOBAL, 'audit.list', { types: ['sync_run'], limit: 1 });
    runEventId = page.items[0]?.id ?? '';
    expect(runEventId).not.toBe('');
  });
  afterAll(async () => f?.close());

  describe('a keyset cursor naming an impossible instant is the caller’s mistake, not ours', () => {
    const lists = ['runs.list', 'conflicts.list', 'audit.list', 'alerts.list'] as const;
    it.each(lists.flatMap((operation) => impossibleInstants.map((instant) => [operation, instant] as const)))(
      '%s, %s',
      async (operation, instant) => {
        expectInvalid(await call(GLOBAL, operation, { cursor: cursorFor([instant, SOME_ID]) }), 'cursor');
      },
    );
  });

  it.each(['9999999999999999999', '9223372036854775808', '18446744073709551616'])(
    'audit.get refuses a changes cursor past the largest bigint (%s) as invalid input',
    async (id) => {
      expectInvalid(await call(GLOBAL, 'audit.get', { eventId: runEventId, changesCursor: cursorFor([id]) }), 'changesCursor');
    },
  );

  it('audit.get still pages from the largest bigint there is', async () => {
    const answer = await ok(GLOBAL, 'audit.get', { eventId: runEventId, changesCursor: cursorFor(['9223372036854775807']) });
    expect(answer.changes.items).toEqual([]);
  });

  it.each([
    ['from', '0000-01-01T00:00:00Z'],
    ['to', '0000-06-01T00:00:00Z'],
    ['from', '2024-01-01T00:00:00+20:00'],
    ['to', '2024-01-01T00:00:00-16:00'],
  ])('audit.list refuses a %s of %s in the contract, before any SQL runs', async (field, instant) => {
    expectInvalid(await call(GLOBAL, 'audit.list', { [field]: instant }), field);
  });

  it('audit.list accepts the widest period the contract allows', async () => {
    const page = await ok(GLOBAL, 'audit.list', { from: '0001-01-01T00:00:00Z', to: '9999-12-31T23:59:59.999Z', limit: 1 });
    expect(page.items).toHaveLength(1);
  });

  it.each([0.004, 1e-9, 5e-324, 0.001, 100.004, 12.345])(
    'settings.update refuses a guardMaxPercent of %s, which the database could not hold',
    async (value) => {
      expectInvalid(
        await call(OLA, 'settings.update', { orgId: OWN.orgId, absentMemberAction: 'lapse', guardMaxPercent: value, guardMaxMembers: 500 }),
        'guardMaxPercent',
      );
    },
  );

  it('settings.update refuses more members than the database allows', async () => {
    expectInvalid(
      await call(OLA, 'settings.update', { orgId: OWN.orgId, absentMemberAction: 'lapse', guardMaxPercent: 10, guardMaxMembers: 1_000_001 }),
      'guardMaxMembers',
    );
  });

  it('registry records with text the database cannot store are quarantined, and the sync goes on', async () => {
    f.sim.updateMember(4, { firstName: 'Ha\u0000kon' });
    // Valid JSON ("\ud800"), but half a surrogate pair: jsonb refuses it.
    f.sim.updateMember(6, { lastName: 'Bø\ud800' });
    f.sim.updateMember(7, { firstName: '\udc00Kari' });
    f.sim.updateMember(5, { lastName: 'Berg' });
    const { outcome, runId } = await f.sync();
    expect(outcome).toBe('succeeded');
    const run = await ok(GLOBAL, 'runs.get', { runId });
    expect(run.counts).toMatchObject({ quarantined: 3, updated: 1 });
    const { rows } = await f.db.query<{ external_id: string; reason: string }>(
      `select external_id, reason from sync.quarantined_records order by external_id`,
    );
    expect(rows).toEqual([
      { external_id: f.sim.member(4).memberId, reason: expect.stringContaining('firstName') },
      { external_id: f.sim.member(6).memberId, reason: expect.stringContaining('lastName') },
      { external_id: f.sim.member(7).memberId, reason: expect.stringContaining('firstName') },
    ]);
    // The next sync finds the same records in the same rows.
    expect((await f.sync()).outcome).toBe('succeeded');
    const { rows: again } = await f.db.query<{ n: number; seen: number }>(
      `select count(*)::int as n, min(occurrences)::int as seen from sync.quarantined_records`,
    );
    expect(again).toEqual([{ n: 3, seen: 2 }]);
  });

  describe('an invalid input is answered in a message short enough to show', () => {
    const shortEnough = (answer: BridgeResult) => {
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error.code).toBe('invalid_input');
      expect(JSON.stringify(answer.error).length).toBeLessThanOrEqual(4_096);
      expect(answer.error.issues?.length).toBeLessThanOrEqual(10);
    };

    it('a 100 000-character unknown key', async () => {
      shortEnough(await call(GLOBAL, 'organizations.list', { ['k'.repeat(100_000)]: 1 }));
    });

    it('10 000 unknown keys, saying how many more there were', async () => {
      const answer = await call(GLOBAL, 'organizations.list', Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`key${i}`, i])));
      shortEnough(answer);
      expect(JSON.stringify(answer)).toMatch(/more/);
    });

    it('a deeply nested value where a string belongs', async () => {
      let nested: unknown = 'x';
      for (let depth = 0; depth < 5_000; depth++) nested = { nested };
      shortEnough(await call(GLOBAL, 'runs.list', { cursor: nested }));
    });
  });
});
