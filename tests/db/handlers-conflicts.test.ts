// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import type { ConflictView } from '../../shared/contract/conflicts.ts';
import { databaseTargets } from './harness.ts';
import { appEdit, openEngineFixture, type EngineFixture } from './support/engine-fixture.ts';
import { appEditIn, GLOBAL, handlerCalls, KARI, OLA, OTHER, OWN, personnummerLike, STRANGER, syncIntegration } from './support/handlers-fixture.ts';

const MEMBERS = 40;
// Members whose contact details both sides change in Friluftslag (a queued conflict each), whose
// roles both change (the default rule lets the registry win), and one conflict in Ungdom.
const CONTACT = [4, 5, 6];
const ROLES = 8;
const UNGDOM_CONTACT = 20;

describe.each(databaseTargets())('the conflict review queue through the handlers on $name', (target) => {
  let f: EngineFixture;
  const { call, ok } = handlerCalls(
    () => f.db,
    (integrationId) => f.resolveSource(integrationId),
  );
  const idOf = (index: number) => f.sim.member(index).memberId;

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: MEMBERS, seed: 41 });
    expect((await f.sync()).outcome).toBe('succeeded');
    expect((await syncIntegration(f.db, f.resolveSource, OTHER)).outcome).toBe('succeeded');
    for (const index of CONTACT) {
      await appEdit(f.db, idOf(index), 'email = $3', [`app.${index}@example.org`]);
      f.sim.updateMember(index, { email: `registry.${index}@example.org` });
    }
    await appEdit(f.db, idOf(ROLES), 'roles = $3', [['member', 'leader']]);
    f.sim.updateMember(ROLES, {
      roles: [
        { code: 'MEDLEM', name: 'Medlem' },
        { code: 'KASSERER', name: 'Kasserer' },
      ],
    });
    await appEditIn(f.db, OTHER.integrationId, idOf(UNGDOM_CONTACT), 'phone = $3', ['+47 900 00 001']);
    f.sim.updateMember(UNGDOM_CONTACT, { mobile: '+47 911 11 111' });
    expect((await f.sync()).outcome).toBe('succeeded');
    expect((await syncIntegration(f.db, f.resolveSource, OTHER)).outcome).toBe('succeeded');
  });
  afterAll(async () => f?.close());

  const pendingOf = async (caller = OLA) => (await ok(caller, 'conflicts.list', {})).items;
  const otherConflict = async () => {
    const { rows } = await f.db.query<{ id: string }>(`select id from sync.conflicts where org_id = $1`, [OTHER.orgId]);
    return rows[0]?.id ?? '';
  };
  const conflictStatus = async (id: string) =>
    (await f.db.query<{ status: string }>(`select status from sync.conflicts where id = $1`, [id])).rows[0]?.status;
  const conflictEvents = async () =>
    (
      await f.db.query<{ type: string; actor_label: string; org_id: string }>(
        `select type, actor_label, org_id from sync.audit_events where type like 'conflict%' order by occurred_at`,
      )
    ).rows;

  it("lists an org admin's pending conflicts, newest first, with the member and both sides", async () => {
    const pending = await pendingOf();
    expect(pending.map((conflict) => conflict.externalId).sort()).toEqual(CONTACT.map(idOf).sort());
    const detected = pending.map((conflict) => `${conflict.detectedAt}|${conflict.id}`);
    expect(detected).toEqual([...detected].sort().reverse());
    const five = pending.find((conflict) => conflict.externalId === idOf(5));
    expect(five).toMatchObject({
      orgId: OWN.orgId,
      integrationId: OWN.integrationId,
      memberName: `${f.sim.member(5).firstName} ${f.sim.member(5).lastName}`,
      category: 'contact_details',
      appValue: { email: 'app.5@example.org' },
      externalValue: { email: 'registry.5@example.org' },
      ruleResolution: 'manual_review',
      ruleVersion: 0,
      // The registry changed after the app did.
      proposedWinner: 'external',
      status: 'pending',
      winner: null,
      resolvedHow: null,
      resolvedBy: null,
      resolvedAt: null,
    });
    expect(await ok(OLA, 'conflicts.get', { conflictId: five?.id ?? '' })).toEqual(five);
  });

  it('filters by status and category; the rule-decided conflict is on record as resolved', async () => {
    expect((await ok(OLA, 'conflicts.list', { status: 'all' })).items).toHaveLength(CONTACT.length + 1);
    const resolved = (await ok(OLA, 'conflicts.list', { status: 'resolved' })).items;
    expect(resolved).toEqual([
      expect.objectContaining({
        externalId: idOf(ROLES),
        category: 'roles',
        status: 'resolved',
        winner: 'external',
        resolvedHow: 'rule',
        resolvedBy: null,
      }),
    ]);
    expect((await ok(OLA, 'conflicts.list', { status: 'all', category: 'roles' })).items.map((c) => c.id)).toEqual([resolved[0]?.id]);
    expect((await ok(OLA, 'conflicts.list', { category: 'roles' })).items).toEqual([]);
    expect(await call(OLA, 'conflicts.list', { category: 'personnummer' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('scopes the queue per role: own organization, every organization, or nothing', async () => {
    expect((await pendingOf()).every((conflict) => conflict.orgId === OWN.orgId)).toBe(true);
    expect((await ok(OLA, 'conflicts.list', { orgId: OTHER.orgId })).items).toEqual([]);
    expect((await pendingOf(KARI)).map((conflict) => conflict.externalId)).toEqual([idOf(UNGDOM_CONTACT)]);
    expect((await pendingOf(GLOBAL)).map((conflict) => conflict.orgId).sort()).toEqual([...CONTACT.map(() => OWN.orgId), OTHER.orgId].sort());
    expect(await ok(STRANGER, 'conflicts.list', { status: 'all' })).toEqual({ items: [], nextCursor: null });
    const other = await otherConflict();
    expect(await call(OLA, 'conflicts.get', { conflictId: other })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call(STRANGER, 'conflicts.get', { conflictId: other })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ok(GLOBAL, 'conflicts.get', { conflictId: other })).toMatchObject({ orgId: OTHER.orgId, category: 'contact_details' });
  });

  it('never shows a personnummer: it is not a category, and no value carries one', async () => {
    const everything = JSON.stringify((await ok(GLOBAL, 'conflicts.list', { status: 'all', limit: 100 })).items);
    expect(everything).not.toMatch(/personnummer|nationalIdentity/i);
    expect(personnummerLike(everything)).toEqual([]);
    const numbers = Array.from({ length: MEMBERS }, (_, index) => f.sim.member(index).nationalIdentityNumber).filter((n): n is string => n !== null);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.filter((number) => everything.includes(number))).toEqual([]);
  });

  it("resolving another organization's conflict is not found and changes nothing", async () => {
    const other = await otherConflict();
    for (const caller of [OLA, STRANGER]) {
      expect(await call(caller, 'conflicts.resolve', { conflictId: other, choice: 'external' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    }
    expect(await conflictStatus(other)).toBe('pending');
    expect(await conflictEvents()).toEqual([]);
    expect(f.sim.member(UNGDOM_CONTACT).mobile).toBe('+47 911 11 111');
  });

  it('applying the proposal takes the registry value; resolving twice fails cleanly', async () => {
    const four = (await pendingOf()).find((conflict) => conflict.externalId === idOf(4)) as ConflictView;
    const resolved = await ok(OLA, 'conflicts.resolve', { conflictId: four.id, choice: 'proposal' });
    expect(resolved).toMatchObject({
      status: 'resolved',
      winner: 'external',
      resolvedHow: 'proposal',
      resolvedBy: { userId: DEMO_IDS.admins.ola, displayName: 'Ola Nordmann' },
    });
    expect(resolved.resolvedAt).not.toBeNull();
    const { rows } = await f.db.query(`select m.email, m.app_changes from sync.members m where m.id = $1`, [four.memberId]);
    expect(rows).toEqual([{ email: 'registry.4@example.org', app_changes: {} }]);
    expect(await call(OLA, 'conflicts.resolve', { conflictId: four.id, choice: 'app' })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'This conflict has already been resolved.', actor: 'org_admin' },
    });
    expect(await conflictEvents()).toEqual([{ type: 'conflict_resolved', actor_label: 'Ola Nordmann', org_id: OWN.orgId }]);
  });

  it("overriding for the app's value writes it to the registry first", async () => {
    const six = (await pendingOf()).find((conflict) => conflict.externalId === idOf(6)) as ConflictView;
    const resolved = await ok(OLA, 'conflicts.resolve', { conflictId: six.id, choice: 'app' });
    expect(resolved).toMatchObject({ status: 'resolved', winner: 'app', resolvedHow: 'override' });
    expect(f.sim.member(6).email).toBe('app.6@example.org');
    expect((await conflictEvents()).at(-1)).toEqual({ type: 'conflict_override', actor_label: 'Ola Nordmann', org_id: OWN.orgId });
  });

  it("a global admin resolves any organization's conflict; its own admin sees who did", async () => {
    const other = await otherConflict();
    await ok(GLOBAL, 'conflicts.resolve', { conflictId: other, choice: 'external' });
    expect(await ok(KARI, 'conflicts.get', { conflictId: other })).toMatchObject({
      status: 'resolved',
      winner: 'external',
      resolvedBy: { userId: DEMO_IDS.admins.global, displayName: 'Gunn Global' },
    });
    expect((await ok(OLA, 'conflicts.list', { status: 'all', limit: 100 })).items.some((conflict) => conflict.id === other)).toBe(false);
  });

  it('pages by keyset with no duplicates or gaps, also while new conflicts arrive', async () => {
    // Decision records of past syncs: resolved conflicts on Friluftslag members, some detected at the same instant.
    const insertResolved = async (detectedAt: string[]) =>
      f.db.query(
        `insert into sync.conflicts (org_id, integration_id, member_id, external_id, category, app_value, external_value,
                                     app_changed_at, external_changed_at, rule_resolution, rule_version, proposed_winner,
                                     status, winner, resolved_how, resolved_at, detected_at)
         select l.org_id, l.integration_id, l.member_id, l.external_id, 'membership_status', '{"status":"active"}', '{"status":"lapsed"}',
                t, t, 'external_wins', 0, 'external', 'resolved', 'external', 'rule', t, t
           from unnest($2::timestamptz[]) with ordinality as d(t, n)
           join sync.member_links l on l.integration_id = $1 and l.external_id = 'CS-' || lpad((10 + n % 20)::text, 7, '0')`,
        [OWN.integrationId, detectedAt],
      );
    await insertResolved(Array.from({ length: 17 }, (_, i) => `2021-03-${String(1 + Math.floor(i / 4)).padStart(2, '0')}T08:00:00.000001Z`));
    const { rows: expected } = await f.db.query<{ id: string }>(
      `select id from sync.conflicts where org_id = $1 order by detected_at desc, id desc`,
      [OWN.orgId],
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let first = true;
    do {
      const page = await ok(OLA, 'conflicts.list', { status: 'all', limit: 5, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((conflict) => conflict.id));
      cursor = page.nextCursor ?? undefined;
      if (first) await insertResolved([new Date().toISOString()]);
      first = false;
    } while (cursor);
    expect(seen).toEqual(expected.map((row) => row.id));
    expect(new Set(seen).size).toBe(seen.length);
  });
});
