// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { approveHeldRun, rejectHeldRun } from '../../backend/engine/held-runs.ts';
import { databaseTargets } from './harness.ts';
import { integrationId, openEngineFixture, orgId, SERVICE, type EngineFixture } from './support/engine-fixture.ts';

const MEMBERS = 200;
const ola = { userId: DEMO_IDS.admins.ola, label: 'Ola Nordmann' };

describe.each(databaseTargets())('the full-sync safety guard on $name', (target) => {
  let f: EngineFixture;
  // Members the registry lists as active at the start, so lapsing them is a deactivation.
  let active: number[];
  let idOf: string[];

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: MEMBERS, seed: 22 });
    expect(await f.sync()).toMatchObject({ outcome: 'succeeded' });
    idOf = Array.from({ length: MEMBERS }, (_, index) => f.sim.member(index).memberId);
    active = Array.from({ length: MEMBERS }, (_, index) => index).filter((index) => f.sim.member(index).membershipStatus === 'Aktiv');
  });
  afterAll(async () => f?.close());

  const statusOf = async (indexes: number[]) => {
    const { rows } = await f.db.query<{ status: string }>(
      `select m.status from sync.members m join sync.member_links l on l.member_id = m.id
        where l.integration_id = $1 and l.external_id = any($2::text[])`,
      [integrationId, indexes.map((index) => idOf[index])],
    );
    return rows.map((row) => row.status);
  };
  const run = async (runId: string) =>
    (
      await f.db.query<{ status: string; summary: Record<string, unknown> | null; records_lapsed: number; dry_run: boolean }>(
        `select status, summary, records_lapsed, dry_run from sync.sync_runs where id = $1`,
        [runId],
      )
    ).rows[0];
  const scratchRows = async () =>
    (
      await f.db.query<{ n: number }>(
        `select (select count(*) from sync.run_seen_members)::int + (select count(*) from sync.staged_member_changes)::int as n`,
      )
    ).rows[0]?.n;
  const openAlerts = async () =>
    (await f.db.query<{ kind: string }>(`select kind from sync.alerts where status = 'open' order by kind`)).rows.map((row) => row.kind);

  it('holds a run that would lapse more than 10 % of the members, changing nothing until approved', async () => {
    // Threshold: min(ceil(10 % of 200), 500) = 20.
    const lapsing = active.slice(0, 25);
    for (const index of lapsing) f.sim.updateMember(index, { membershipStatus: 'Restanse' });
    const { outcome, runId } = await f.sync();
    expect(outcome).toBe('held');
    expect(await run(runId)).toMatchObject({
      status: 'awaiting_approval',
      summary: { deactivations: 25, absent: 0, threshold: 20, members: MEMBERS, absentAction: 'lapse' },
    });
    expect(new Set(await statusOf(lapsing))).toEqual(new Set(['active']));
    expect(await openAlerts()).toEqual(['run_held']);

    expect(await asCaller(f.db, SERVICE, (tx) => approveHeldRun(tx, runId, ola))).toEqual({ lapsed: 25, removed: 0, updated: 0 });
    expect(new Set(await statusOf(lapsing))).toEqual(new Set(['lapsed']));
    expect(await run(runId)).toMatchObject({ status: 'succeeded', records_lapsed: 25 });
    expect(await openAlerts()).toEqual([]);
    expect(await scratchRows()).toBe(0);
    const { rows } = await f.db.query(`select type, actor_id from sync.audit_events where type = 'run_approved'`);
    expect(rows).toEqual([{ type: 'run_approved', actor_id: ola.userId }]);
    await expect(asCaller(f.db, SERVICE, (tx) => approveHeldRun(tx, runId, ola))).rejects.toMatchObject({ code: 'conflict' });
  });

  it('a rejected run applies nothing, and the next full sync holds again', async () => {
    const lapsing = active.slice(25, 55);
    for (const index of lapsing) f.sim.updateMember(index, { membershipStatus: 'Utmeldt' });
    const first = await f.sync();
    expect(first.outcome).toBe('held');
    await asCaller(f.db, SERVICE, (tx) => rejectHeldRun(tx, first.runId, ola));
    expect(await run(first.runId)).toMatchObject({ status: 'rejected' });
    expect(new Set(await statusOf(lapsing))).toEqual(new Set(['active']));
    expect(await scratchRows()).toBe(0);

    const second = await f.sync();
    expect(second.outcome).toBe('held');
    // A third full run makes the second's summary out of date.
    const third = await f.sync();
    expect(third.outcome).toBe('held');
    expect(await run(second.runId)).toMatchObject({ status: 'superseded' });
    await asCaller(f.db, SERVICE, (tx) => rejectHeldRun(tx, third.runId, ola));
    // Put the registry back for the next test.
    for (const index of lapsing) f.sim.updateMember(index, { membershipStatus: 'Aktiv' });
  });

  it('under the threshold, members who resigned or died count as changed, and only lapsed ones as lapsed', async () => {
    expect(active.length).toBeGreaterThan(70);
    const lapsing = active.slice(60, 63);
    const resigning = active.slice(63, 66);
    const dying = active.slice(66, 67);
    for (const index of lapsing) f.sim.updateMember(index, { membershipStatus: 'Restanse' });
    for (const index of resigning) f.sim.updateMember(index, { membershipStatus: 'Utmeldt' });
    for (const index of dying) f.sim.updateMember(index, { membershipStatus: 'Død' });
    const { outcome, runId } = await f.sync();
    expect(outcome).toBe('succeeded');
    const { rows } = await f.db.query(`select records_lapsed, records_updated, records_removed from sync.sync_runs where id = $1`, [runId]);
    expect(rows[0]).toEqual({ records_lapsed: 3, records_updated: 4, records_removed: 0 });
    expect(await statusOf(lapsing)).toEqual(['lapsed', 'lapsed', 'lapsed']);
    expect(new Set(await statusOf([...resigning, ...dying]))).toEqual(new Set(['resigned', 'deceased']));
    // Put the registry back for the next test; returning to active is no deactivation, so it applies at once.
    for (const index of [...lapsing, ...resigning, ...dying]) f.sim.updateMember(index, { membershipStatus: 'Aktiv' });
    const back = await f.sync();
    expect(back.outcome).toBe('succeeded');
    expect(new Set(await statusOf([...lapsing, ...resigning, ...dying]))).toEqual(new Set(['active']));
  });

  it('a dry run reports what a full sync would change and writes nothing', async () => {
    const before = await f.db.query(`select m.*, l.absent_since from sync.members m join sync.member_links l on l.member_id = m.id order by m.id`);
    f.sim.setMemberCount(MEMBERS - 12);
    const { outcome, runId } = await f.sync({ dryRun: true });
    expect(outcome).toBe('succeeded');
    expect(await run(runId)).toMatchObject({ status: 'succeeded', dry_run: true, records_lapsed: 0, summary: { absent: 12, deactivations: 0 } });
    const after = await f.db.query(`select m.*, l.absent_since from sync.members m join sync.member_links l on l.member_id = m.id order by m.id`);
    expect(after.rows).toEqual(before.rows);
    expect(await scratchRows()).toBe(0);
  });

  it('members missing from the registry are lapsed under the threshold, with a field-level audit row each, never deleted', async () => {
    const missing = Array.from({ length: 12 }, (_, k) => MEMBERS - 12 + k);
    const wasActive = missing.filter((index) => active.includes(index));
    const { outcome, runId } = await f.sync();
    expect(outcome).toBe('succeeded');
    expect(await run(runId)).toMatchObject({ status: 'succeeded', records_lapsed: 12 });
    const { rows } = await f.db.query<{ n: number; absent: number }>(
      `select count(*)::int as n, count(*) filter (where l.absent_since is not null)::int as absent
         from sync.members m join sync.member_links l on l.member_id = m.id where l.integration_id = $1`,
      [integrationId],
    );
    expect(rows[0]).toEqual({ n: MEMBERS, absent: 12 });
    expect((await statusOf(wasActive)).every((status) => status === 'lapsed')).toBe(true);
    const { rows: audit } = await f.db.query<{ n: number }>(
      `select count(*)::int as n from sync.audit_member_changes where run_id = $1 and change = 'lapsed_absent'`,
      [runId],
    );
    expect(audit[0]?.n).toBe(12);
  });

  it('with the "remove" rule a missing member is marked removed, and comes back if the registry lists it again', async () => {
    await asCaller(f.db, SERVICE, (tx) =>
      tx.query(`insert into sync.org_sync_settings (org_id, absent_member_action) values ($1, 'remove')`, [orgId]),
    );
    f.sim.setMemberCount(MEMBERS - 15);
    await f.sync();
    const removed = async () =>
      (await f.db.query<{ n: number }>(`select count(*)::int as n from sync.members where removed_at is not null`)).rows[0]?.n;
    expect(await removed()).toBe(3);
    f.sim.setMemberCount(MEMBERS);
    await f.sync();
    expect(await removed()).toBe(0);
    const { rows } = await f.db.query<{ n: number }>(`select count(*)::int as n from sync.member_links where absent_since is not null`);
    expect(rows[0]?.n).toBe(0);
  });
});
