// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { resolveConflict } from '../../backend/engine/conflict-resolution.ts';
import { drainSourceWrites } from '../../backend/engine/source-writes.ts';
import { databaseTargets } from './harness.ts';
import { appEdit, integrationId, openEngineFixture, orgId, SERVICE, type EngineFixture } from './support/engine-fixture.ts';

const ola = { userId: DEMO_IDS.admins.ola, label: 'Ola Nordmann' };

describe.each(databaseTargets())('two-way reconciliation on $name', (target) => {
  let f: EngineFixture;

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: 300, seed: 21 });
    expect(await f.sync()).toMatchObject({ outcome: 'succeeded' });
  });
  afterAll(async () => f?.close());

  const memberRow = async (externalId: string) => {
    const { rows } = await f.db.query<{ email: string | null; phone: string | null; roles: string[]; app_changes: Record<string, unknown> }>(
      `select m.email, m.phone, m.roles, m.app_changes from sync.members m
         join sync.member_links l on l.member_id = m.id where l.integration_id = $1 and l.external_id = $2`,
      [integrationId, externalId],
    );
    return rows[0];
  };

  it('queues a conflict when both sides changed contact details, and lets the registry win roles by default', async () => {
    const five = f.sim.member(5).memberId;
    const six = f.sim.member(6).memberId;
    await appEdit(f.db, five, 'email = $3', ['app.edit@example.org']);
    await appEdit(f.db, six, 'roles = $3', [['member', 'leader']]);
    f.sim.updateMember(5, { email: 'registry.edit@example.org' });
    f.sim.updateMember(6, {
      roles: [
        { code: 'MEDLEM', name: 'Medlem' },
        { code: 'KASSERER', name: 'Kasserer' },
      ],
    });

    const { outcome, runId } = await f.sync();
    expect(outcome).toBe('succeeded');
    const { rows: conflicts } = await f.db.query(
      `select external_id, category, status, winner, resolved_how, rule_resolution, rule_version, app_value, external_value, proposed_winner
         from sync.conflicts order by external_id`,
    );
    expect(conflicts).toEqual([
      {
        external_id: five,
        category: 'contact_details',
        status: 'pending',
        winner: null,
        resolved_how: null,
        rule_resolution: 'manual_review',
        rule_version: 0,
        app_value: expect.objectContaining({ email: 'app.edit@example.org' }),
        external_value: expect.objectContaining({ email: 'registry.edit@example.org' }),
        // The registry changed after the app did.
        proposed_winner: 'external',
      },
      expect.objectContaining({ external_id: six, category: 'roles', status: 'resolved', winner: 'external', resolved_how: 'rule' }),
    ]);
    expect((await memberRow(five))?.email).toBe('app.edit@example.org');
    expect((await memberRow(six))?.roles.sort()).toEqual(['member', 'treasurer']);
    const { rows: changes } = await f.db.query(`select external_id, change, fields, rule_version from sync.audit_member_changes where run_id = $1`, [
      runId,
    ]);
    expect(changes).toEqual([
      {
        external_id: six,
        change: 'conflict',
        rule_version: 0,
        fields: [{ field: 'roles', before: ['leader', 'member'], after: ['member', 'treasurer'] }],
      },
    ]);
    const { rows: runs } = await f.db.query(`select conflicts_detected, conflicts_queued from sync.sync_runs where id = $1`, [runId]);
    expect(runs[0]).toEqual({ conflicts_detected: 2, conflicts_queued: 1 });
  });

  it('an override to the app value writes it to the registry and settles the member', async () => {
    const five = f.sim.member(5).memberId;
    const { rows } = await f.db.query<{ id: string }>(`select id from sync.conflicts where status = 'pending'`);
    const conflictId = rows[0]?.id ?? '';
    expect(await resolveConflict(f.db, f.resolveSource, { conflictId, choice: 'app' }, ola)).toEqual({ winner: 'app', how: 'override' });
    expect(f.sim.member(5).email).toBe('app.edit@example.org');
    expect((await memberRow(five))?.app_changes).toEqual({});
    const { rows: events } = await f.db.query(`select type, actor_id, detail from sync.audit_events where type like 'conflict%'`);
    expect(events).toEqual([
      { type: 'conflict_override', actor_id: ola.userId, detail: { conflictId, category: 'contact_details', winner: 'app', ruleVersion: 0 } },
    ]);
    await expect(resolveConflict(f.db, f.resolveSource, { conflictId, choice: 'external' }, ola)).rejects.toMatchObject({ code: 'conflict' });
    // Agreed again: the next sync finds nothing to do for this member.
    const again = await f.sync();
    const { rows: pending } = await f.db.query(`select count(*)::int as n from sync.conflicts where status = 'pending'`);
    expect(pending[0]).toEqual({ n: 0 });
    const { rows: runs } = await f.db.query(`select records_updated from sync.sync_runs where id = $1`, [again.runId]);
    expect(runs[0]).toEqual({ records_updated: 0 });
  });

  it('under an app-wins rule the app value is written back by the outbox, and the decision records the rule version', async () => {
    await asCaller(f.db, SERVICE, (tx) =>
      tx.query(`insert into sync.conflict_rules (org_id, category, resolution, version) values ($1, 'contact_details', 'app_wins', 1)`, [orgId]),
    );
    const seven = f.sim.member(7).memberId;
    await appEdit(f.db, seven, 'phone = $3', ['+47 999 88 777']);
    f.sim.updateMember(7, { mobile: '+47 411 22 333' });
    await f.sync();
    const { rows } = await f.db.query(`select status, winner, rule_version from sync.conflicts where external_id = $1`, [seven]);
    expect(rows).toEqual([{ status: 'resolved', winner: 'app', rule_version: 1 }]);
    expect((await memberRow(seven))?.phone).toBe('+47 999 88 777');
    expect(f.sim.member(7).mobile).toBe('+47 411 22 333');

    // An invocation out of CPU before its first write: the claimed write goes back untried, its attempt not spent.
    const outOfCpu = await drainSourceWrites(f.db, f.resolveSource, { deadline: Date.now() + 30_000, shouldStop: () => true });
    expect(outOfCpu).toEqual({ done: 0, failed: 0 });
    const { rows: released } = await f.db.query(
      `select status, attempts, not_before <= now() as due from sync.source_writes where external_id = $1 and status = 'pending'`,
      [seven],
    );
    expect(released).toEqual([{ status: 'pending', attempts: 0, due: true }]);
    expect(f.sim.member(7).mobile).toBe('+47 411 22 333');

    expect(await drainSourceWrites(f.db, f.resolveSource, { deadline: Date.now() + 30_000 })).toEqual({ done: 1, failed: 0 });
    expect(f.sim.member(7).mobile).toBe('+47 999 88 777');
    expect((await memberRow(seven))?.app_changes).toEqual({});
    // Only this member's: an admin's choice for the app earlier is on record as a write of its own.
    const { rows: writes } = await f.db.query(`select status, patch from sync.source_writes where external_id = $1`, [seven]);
    expect(writes).toEqual([{ status: 'done', patch: { email: f.sim.member(7).email, phone: '+47 999 88 777' } }]);
  });

  it('a delta sync reads only what changed since the watermark, and counts a lapse as a lapse', async () => {
    f.sim.updateMember(9, { email: 'delta.change@example.org' });
    const lapsing = Array.from({ length: 300 }, (_, i) => i).find((i) => i > 20 && f.sim.member(i).membershipStatus === 'Aktiv') ?? -1;
    f.sim.updateMember(lapsing, { membershipStatus: 'Restanse' });
    const { rows } = await f.db.query<{ w: Date }>(`select delta_watermark as w from sync.integrations where id = $1`, [integrationId]);
    const since = new Date(new Date(rows[0]?.w ?? 0).getTime() - 60_000).toISOString();
    const { outcome, runId } = await f.sync({ kind: 'delta', deltaSince: since });
    expect(outcome).toBe('succeeded');
    const { rows: runs } = await f.db.query<{ records_seen: number; records_updated: number; records_lapsed: number }>(
      `select records_seen, records_updated, records_lapsed from sync.sync_runs where id = $1`,
      [runId],
    );
    expect(runs[0]).toMatchObject({ records_updated: 1, records_lapsed: 1 });
    expect(runs[0]?.records_seen).toBeLessThan(10);
    expect((await memberRow(f.sim.member(9).memberId))?.email).toBe('delta.change@example.org');
  });
});
