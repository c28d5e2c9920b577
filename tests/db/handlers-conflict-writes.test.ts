// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { drainSourceWrites } from '../../backend/engine/source-writes.ts';
import type { ConflictView } from '../../shared/contract/conflicts.ts';
import { databaseTargets } from './harness.ts';
import { appEdit, openEngineFixture, type EngineFixture } from './support/engine-fixture.ts';
import { GLOBAL, handlerCalls, KARI, OLA, OWN, STRANGER } from './support/handlers-fixture.ts';

const MEMBERS = 30;
// Contact details both sides change: queued for review (the default rule), one per scenario.
const FOR_APP = 3;
const FOR_REGISTRY = 4;
const REFUSED = 5;
// Roles both sides change after the rule says the app wins: settled by the rule, written by the outbox.
const RULE_WRITTEN = 8;
const RULE_REFUSED = 9;

const ROLES_IN_REGISTRY = [
  { code: 'MEDLEM', name: 'Medlem' },
  { code: 'KASSERER', name: 'Kasserer' },
];

describe.each(databaseTargets())("a conflict's registry write through the handlers on $name", (target) => {
  let f: EngineFixture;
  const { call, ok } = handlerCalls(
    () => f.db,
    (integrationId) => f.resolveSource(integrationId),
  );
  const idOf = (index: number) => f.sim.member(index).memberId;
  const conflictOf = async (index: number, status: 'pending' | 'resolved' | 'all' = 'all') => {
    const { items } = await ok(OLA, 'conflicts.list', { status, limit: 100 });
    return items.find((conflict) => conflict.externalId === idOf(index)) as ConflictView;
  };
  const drain = () => drainSourceWrites(f.db, f.resolveSource, { deadline: Date.now() + 30_000 });

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: MEMBERS, seed: 47 });
    expect((await f.sync()).outcome).toBe('succeeded');
    for (const index of [FOR_APP, FOR_REGISTRY, REFUSED]) {
      await appEdit(f.db, idOf(index), 'email = $3', [`app.${index}@example.org`]);
      f.sim.updateMember(index, { email: `registry.${index}@example.org` });
    }
    await ok(OLA, 'rules.update', { orgId: OWN.orgId, category: 'roles', resolution: 'app_wins' });
    for (const index of [RULE_WRITTEN, RULE_REFUSED]) {
      await appEdit(f.db, idOf(index), 'roles = $3', [['member', 'board_member']]);
      f.sim.updateMember(index, { roles: ROLES_IN_REGISTRY });
    }
    expect((await f.sync()).outcome).toBe('succeeded');
  });
  afterAll(async () => f?.close());

  it('a pending conflict has no write yet', async () => {
    expect((await conflictOf(FOR_APP)).sourceWrite).toBeNull();
  });

  it("choosing the app's value writes it to the registry at once and shows the write as written", async () => {
    const before = await conflictOf(FOR_APP);
    const resolved = await ok(OLA, 'conflicts.resolve', { conflictId: before.id, choice: 'app' });
    expect(resolved).toMatchObject({ status: 'resolved', winner: 'app', sourceWrite: { status: 'written', errorCode: null } });
    expect(resolved.sourceWrite?.at).not.toBeNull();
    expect(f.sim.member(FOR_APP).email).toBe(`app.${FOR_APP}@example.org`);
    expect(await ok(OLA, 'conflicts.get', { conflictId: before.id })).toEqual(resolved);
  });

  it("choosing the registry's value needs no write", async () => {
    const before = await conflictOf(FOR_REGISTRY);
    const resolved = await ok(OLA, 'conflicts.resolve', { conflictId: before.id, choice: 'external' });
    expect(resolved.sourceWrite).toEqual({ status: 'not_needed', errorCode: null, at: null });
  });

  it('a registry that refuses the write leaves the conflict pending, showing the refusal, until a retry is written', async () => {
    const before = await conflictOf(REFUSED);
    f.sim.failNext(1, 422);
    const refused = await call(OLA, 'conflicts.resolve', { conflictId: before.id, choice: 'app' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'source_rejected_write', actor: 'org_admin' } });
    const after = await ok(OLA, 'conflicts.get', { conflictId: before.id });
    expect(after).toMatchObject({ status: 'pending', winner: null, sourceWrite: { status: 'failed', errorCode: 'source_rejected_write' } });
    expect(after.sourceWrite?.at).not.toBeNull();
    expect(f.sim.member(REFUSED).email).toBe(`registry.${REFUSED}@example.org`);
    const { rows: events } = await f.db.query(
      `select type, outcome, error_code, actor_label from sync.audit_events where type = 'source_write' order by occurred_at`,
    );
    expect(events).toEqual([{ type: 'source_write', outcome: 'error', error_code: 'source_rejected_write', actor_label: 'Ola Nordmann' }]);

    const retried = await ok(OLA, 'conflicts.resolve', { conflictId: before.id, choice: 'app' });
    expect(retried).toMatchObject({ status: 'resolved', winner: 'app', sourceWrite: { status: 'written', errorCode: null } });
    expect(f.sim.member(REFUSED).email).toBe(`app.${REFUSED}@example.org`);
  });

  it("a rule's decision for the app shows its outbox write: pending, then written or failed", async () => {
    const written = await conflictOf(RULE_WRITTEN, 'resolved');
    const refused = await conflictOf(RULE_REFUSED, 'resolved');
    for (const conflict of [written, refused]) {
      expect(conflict).toMatchObject({ category: 'roles', winner: 'app', resolvedHow: 'rule', sourceWrite: { status: 'pending', errorCode: null } });
    }
    // The outbox writes the oldest first; the second write of this drain is refused for good.
    const { rows: order } = await f.db.query<{ external_id: string }>(
      `select external_id from sync.source_writes where status = 'pending' order by not_before`,
    );
    expect(order.map((row) => row.external_id).sort()).toEqual([idOf(RULE_WRITTEN), idOf(RULE_REFUSED)].sort());
    const refusedFirst = order[0]?.external_id === idOf(RULE_REFUSED);
    if (refusedFirst) f.sim.failNext(1, 422);
    else {
      // Let the first through, refuse the second.
      const first = await drainSourceWrites(f.db, f.resolveSource, { deadline: Date.now() + 30_000, limit: 1 });
      expect(first).toEqual({ done: 1, failed: 0 });
      f.sim.failNext(1, 422);
    }
    await drain();
    if (refusedFirst) await drain();

    const afterWritten = await ok(OLA, 'conflicts.get', { conflictId: written.id });
    expect(afterWritten.sourceWrite).toMatchObject({ status: 'written', errorCode: null });
    expect(
      f.sim
        .member(RULE_WRITTEN)
        .roles.map((role) => role.code)
        .sort(),
    ).toEqual(['MEDLEM', 'STYREMEDLEM']);
    const afterRefused = await ok(OLA, 'conflicts.get', { conflictId: refused.id });
    expect(afterRefused.sourceWrite).toMatchObject({ status: 'failed', errorCode: 'source_rejected_write' });
    expect(afterRefused.sourceWrite?.at).not.toBeNull();
    // The alert leads straight to the conflict whose decision could not be written.
    const alerts = (await ok(OLA, 'alerts.list', {})).items.filter((alert) => alert.kind === 'source_write_failed');
    expect(alerts).toMatchObject([{ detail: { conflictId: refused.id, externalId: idOf(RULE_REFUSED), category: 'roles' } }]);
  });

  it('resolved conflicts stay findable: the list says who resolved each and when', async () => {
    const resolved = (await ok(OLA, 'conflicts.list', { status: 'resolved', limit: 100 })).items;
    const byAdmin = resolved.filter((conflict) => conflict.resolvedHow !== 'rule');
    expect(byAdmin.map((conflict) => conflict.externalId).sort()).toEqual([FOR_APP, FOR_REGISTRY, REFUSED].map(idOf).sort());
    for (const conflict of byAdmin) {
      expect(conflict.resolvedBy).toEqual({ userId: DEMO_IDS.admins.ola, displayName: 'Ola Nordmann' });
      expect(Date.parse(conflict.resolvedAt ?? '')).toBeGreaterThan(Date.parse(conflict.detectedAt) - 1);
    }
    for (const conflict of resolved.filter((c) => c.resolvedHow === 'rule')) {
      expect(conflict.resolvedBy).toBeNull();
      expect(conflict.resolvedAt).not.toBeNull();
    }
    expect(await ok(GLOBAL, 'conflicts.list', { status: 'resolved', orgId: OWN.orgId, limit: 100 })).toEqual({ items: resolved, nextCursor: null });
  });

  it("another organization's admin, or a stranger, sees none of it", async () => {
    const conflict = await conflictOf(FOR_APP);
    for (const caller of [KARI, STRANGER]) {
      expect(await call(caller, 'conflicts.get', { conflictId: conflict.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect((await ok(caller, 'conflicts.list', { status: 'all', limit: 100 })).items.some((c) => c.orgId === OWN.orgId)).toBe(false);
    }
  });
});
