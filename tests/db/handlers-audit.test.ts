// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { raiseAlert, resolveAlerts } from '../../backend/engine/alerts.ts';
import { recordAuditEvent } from '../../backend/engine/audit.ts';
import type { AuditMemberChange } from '../../shared/contract/audit.ts';
import { databaseTargets } from './harness.ts';
import { appEdit, openEngineFixture, SERVICE, type EngineFixture } from './support/engine-fixture.ts';
import { GLOBAL, handlerCalls, KARI, OLA, OTHER, OWN, personnummerLike, STRANGER, syncIntegration } from './support/handlers-fixture.ts';

const MEMBERS = 40;
const EMAIL_CHANGES = Array.from({ length: 12 }, (_, i) => 20 + i);

describe.each(databaseTargets())('the audit trail and alerts through the handlers on $name', (target) => {
  let f: EngineFixture;
  let secondSyncStartedAt: string;
  let secondRunId: string;
  const { call, ok } = handlerCalls(
    () => f.db,
    (integrationId) => f.resolveSource(integrationId),
  );
  const indexes = () => Array.from({ length: MEMBERS }, (_, index) => index);
  const sourceNumbers = () => indexes().flatMap((index) => f.sim.member(index).nationalIdentityNumber ?? []);

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: MEMBERS, seed: 51 });
    expect((await f.sync()).outcome).toBe('succeeded');
    expect((await syncIntegration(f.db, f.resolveSource, OTHER)).outcome).toBe('succeeded');
    // The registry removes one member's personnummer and gives another one, and edits emails.
    const [losing, donor] = indexes().filter((index) => f.sim.member(index).nationalIdentityNumber !== null);
    const gaining = indexes().find((index) => f.sim.member(index).nationalIdentityNumber === null);
    if (losing === undefined || donor === undefined || gaining === undefined) throw new Error('the simulator seed has no suitable members');
    f.sim.updateMember(gaining, { nationalIdentityNumber: f.sim.member(donor).nationalIdentityNumber });
    f.sim.updateMember(losing, { nationalIdentityNumber: null });
    for (const index of EMAIL_CHANGES) f.sim.updateMember(index, { email: `changed.${index}@example.org` });
    secondSyncStartedAt = new Date().toISOString();
    const second = await f.sync();
    expect(second.outcome).toBe('succeeded');
    secondRunId = second.runId;
    expect((await syncIntegration(f.db, f.resolveSource, OTHER)).outcome).toBe('succeeded');
  });
  afterAll(async () => f?.close());

  const runEventOf = async (runId: string) => {
    const { rows } = await f.db.query<{ id: string }>(`select id from sync.audit_events where run_id = $1 and type = 'sync_run'`, [runId]);
    return rows[0]?.id ?? '';
  };
  const allChanges = async (eventId: string, changesLimit: number) => {
    const changes: AuditMemberChange[] = [];
    let changesCursor: string | undefined;
    do {
      const page = await ok(GLOBAL, 'audit.get', { eventId, changesLimit, ...(changesCursor ? { changesCursor } : {}) });
      changes.push(...page.changes.items);
      changesCursor = page.changes.nextCursor ?? undefined;
    } while (changesCursor);
    return changes;
  };

  describe('audit', () => {
    it("lists an org admin's own events, newest first; a global admin sees all; a stranger nothing", async () => {
      const own = (await ok(OLA, 'audit.list', { limit: 100 })).items;
      expect(own.length).toBeGreaterThanOrEqual(2);
      expect(own.every((event) => event.orgId === OWN.orgId)).toBe(true);
      const order = own.map((event) => event.occurredAt);
      expect(order).toEqual([...order].sort().reverse());
      expect(own.filter((event) => event.type === 'sync_run')).toHaveLength(2);
      expect(own[0]).toMatchObject({
        type: 'sync_run',
        actor: { kind: 'engine', id: null, label: 'Sync engine' },
        runId: secondRunId,
        outcome: 'ok',
      });

      const every = (await ok(GLOBAL, 'audit.list', { limit: 100, types: ['sync_run'] })).items;
      expect(new Set(every.map((event) => event.orgId))).toEqual(new Set([OWN.orgId, OTHER.orgId]));
      expect(await ok(OLA, 'audit.list', { orgId: OTHER.orgId })).toEqual({ items: [], nextCursor: null });
      expect(await ok(STRANGER, 'audit.list', {})).toEqual({ items: [], nextCursor: null });
      expect((await ok(KARI, 'audit.list', { limit: 100 })).items.every((event) => event.orgId === OTHER.orgId)).toBe(true);
    });

    it('filters by type and period', async () => {
      expect((await ok(OLA, 'audit.list', { types: ['rules_changed'] })).items).toEqual([]);
      const since = (await ok(OLA, 'audit.list', { from: secondSyncStartedAt, types: ['sync_run'] })).items;
      expect(since.map((event) => event.runId)).toEqual([secondRunId]);
      const before = (await ok(OLA, 'audit.list', { to: secondSyncStartedAt, types: ['sync_run'] })).items;
      expect(before).toHaveLength(1);
      expect(before[0]?.runId).not.toBe(secondRunId);
      expect(await call(OLA, 'audit.list', { from: secondSyncStartedAt, to: '2000-01-01T00:00:00Z' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', issues: [{ path: 'to' }] },
      });
      expect(await call(OLA, 'audit.list', { types: ['personnummer_viewed'] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    });

    it("shows a run's member changes field by field, personnummer only as set / not set", async () => {
      const eventId = await runEventOf(secondRunId);
      const detail = await ok(OLA, 'audit.get', { eventId, changesLimit: 500 });
      expect(detail.event).toMatchObject({ id: eventId, type: 'sync_run', counts: { updated: EMAIL_CHANGES.length + 2 } });
      // The run's kind and ending, so the console words the event itself.
      expect(detail.event.detail).toMatchObject({ kind: 'full', dryRun: false, status: 'succeeded' });
      expect(detail.changes.nextCursor).toBeNull();
      const fields = detail.changes.items.flatMap((change) => change.fields);
      expect(fields.filter((field) => field.field === 'personnummer').sort((a, b) => String(a.before).localeCompare(String(b.before)))).toEqual([
        { field: 'personnummer', before: 'not set', after: 'set' },
        { field: 'personnummer', before: 'set', after: 'not set' },
      ]);
      expect(fields.filter((field) => field.field === 'email')).toHaveLength(EMAIL_CHANGES.length);
      expect(detail.changes.items[0]).toMatchObject({ change: 'updated', memberName: expect.any(String), externalId: expect.stringMatching(/^CS-/) });
    });

    it('no 11-digit number appears anywhere in what the audit trail shows after syncing a registry that serves them', async () => {
      const numbers = sourceNumbers();
      expect(numbers.length).toBeGreaterThan(0);
      const events = (await ok(GLOBAL, 'audit.list', { limit: 100 })).items;
      const shown = [JSON.stringify(events)];
      for (const event of events) shown.push(JSON.stringify(await ok(GLOBAL, 'audit.get', { eventId: event.id, changesLimit: 500 })));
      const everything = shown.join('\n');
      expect(everything).toContain('personnummer');
      expect(personnummerLike(everything)).toEqual([]);
      expect(numbers.filter((number) => everything.includes(number))).toEqual([]);
    });

    it('pages member changes by keyset, oldest first, without duplicates or gaps', async () => {
      const eventId = await runEventOf(secondRunId);
      const whole = await allChanges(eventId, 500);
      const paged = await allChanges(eventId, 5);
      expect(paged).toEqual(whole);
      expect(paged.map((change) => BigInt(change.id))).toEqual([...paged.map((change) => BigInt(change.id))].sort((a, b) => (a < b ? -1 : 1)));
      expect(await call(OLA, 'audit.get', { eventId, changesCursor: 'garbage' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    });

    it("another organization's events are not found", async () => {
      const { rows } = await f.db.query<{ id: string }>(`select id from sync.audit_events where org_id = $1 limit 1`, [OTHER.orgId]);
      const other = rows[0]?.id ?? '';
      expect(await call(OLA, 'audit.get', { eventId: other })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await call(STRANGER, 'audit.get', { eventId: other })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await ok(KARI, 'audit.get', { eventId: other })).toMatchObject({ event: { id: other, orgId: OTHER.orgId } });
    });

    it("an admin's decision is an event with its own member changes", async () => {
      const index = 35;
      await appEdit(f.db, f.sim.member(index).memberId, 'email = $3', ['app.edit@example.org']);
      f.sim.updateMember(index, { email: 'registry.edit@example.org' });
      expect((await f.sync()).outcome).toBe('succeeded');
      const [conflict] = (await ok(OLA, 'conflicts.list', {})).items;
      if (!conflict) throw new Error('no conflict queued');
      await ok(OLA, 'conflicts.resolve', { conflictId: conflict.id, choice: 'proposal' });
      const [event] = (await ok(OLA, 'audit.list', { types: ['conflict_resolved', 'conflict_override'] })).items;
      expect(event).toMatchObject({ type: 'conflict_resolved', actor: { kind: 'admin', id: DEMO_IDS.admins.ola, label: 'Ola Nordmann' } });
      const detail = await ok(OLA, 'audit.get', { eventId: event?.id ?? '' });
      expect(detail.changes.items).toEqual([
        expect.objectContaining({
          change: 'conflict',
          externalId: f.sim.member(index).memberId,
          fields: [{ field: 'email', before: 'app.edit@example.org', after: 'registry.edit@example.org' }],
          ruleVersion: 0,
        }),
      ]);
    });

    it('pages events by keyset: no duplicates or gaps, also while new events arrive', async () => {
      const insertEvents = (occurredAt: string[]) =>
        f.db.query(
          `insert into sync.audit_events (org_id, integration_id, type, actor_kind, actor_label, summary, occurred_at)
           select $1, $2, 'source_write', 'engine', 'Sync engine', 'A write to the registry.', t from unnest($3::timestamptz[]) as t`,
          [OWN.orgId, OWN.integrationId, occurredAt],
        );
      await insertEvents(Array.from({ length: 22 }, (_, i) => `2022-05-${String(1 + Math.floor(i / 3)).padStart(2, '0')}T12:00:00.000007Z`));
      const { rows: expected } = await f.db.query<{ id: string }>(
        `select id from sync.audit_events where org_id = $1 and type = 'source_write' order by occurred_at desc, id desc`,
        [OWN.orgId],
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      let first = true;
      do {
        const page = await ok(OLA, 'audit.list', { types: ['source_write'], limit: 4, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((event) => event.id));
        cursor = page.nextCursor ?? undefined;
        if (first) await insertEvents([new Date().toISOString()]);
        first = false;
      } while (cursor);
      expect(seen).toEqual(expected.map((row) => row.id));
    });

    it("filters by actor: one admin's events, the engine's, a registry's; an admin needs an id", async () => {
      await asCaller(f.db, SERVICE, (tx) =>
        recordAuditEvent(tx, {
          orgId: OWN.orgId,
          type: 'rules_changed',
          actor: { kind: 'admin', id: DEMO_IDS.admins.ola, label: 'Ola' },
          summary: 'Ola changed the rules.',
        }),
      );
      const everything = (await ok(GLOBAL, 'audit.list', { limit: 100 })).items;
      const ids = (items: readonly { id: string }[]) => items.map((event) => event.id);

      const byOla = (await ok(GLOBAL, 'audit.list', { actor: { kind: 'admin', id: DEMO_IDS.admins.ola }, limit: 100 })).items;
      expect(byOla.length).toBeGreaterThan(0);
      expect(ids(byOla)).toEqual(ids(everything.filter((event) => event.actor.kind === 'admin' && event.actor.id === DEMO_IDS.admins.ola)));
      expect((await ok(GLOBAL, 'audit.list', { actor: { kind: 'admin', id: DEMO_IDS.admins.kari }, limit: 100 })).items).toEqual([]);

      const engine = (await ok(OLA, 'audit.list', { actor: { kind: 'engine' }, limit: 100 })).items;
      expect(engine.some((event) => event.type === 'sync_run')).toBe(true);
      expect(ids(engine)).toEqual(ids(everything.filter((event) => event.actor.kind === 'engine' && event.orgId === OWN.orgId)));
      const registry = (await ok(GLOBAL, 'audit.list', { actor: { kind: 'registry' }, limit: 100 })).items;
      expect(ids(registry)).toEqual(ids(everything.filter((event) => event.actor.kind === 'registry')));

      // With the other filters: none of Ola's events is a sync run; the engine's runs of one integration.
      expect((await ok(GLOBAL, 'audit.list', { actor: { kind: 'admin', id: DEMO_IDS.admins.ola }, types: ['sync_run'], limit: 100 })).items).toEqual(
        [],
      );
      const engineRuns = (
        await ok(OLA, 'audit.list', { actor: { kind: 'engine' }, types: ['sync_run'], integrationId: OWN.integrationId, limit: 100 })
      ).items;
      expect(engineRuns.length).toBeGreaterThan(0);
      expect(ids(engineRuns)).toEqual(ids(engine.filter((event) => event.type === 'sync_run' && event.integrationId === OWN.integrationId)));
      // Another organization's admin sees none of Ola's events.
      expect((await ok(KARI, 'audit.list', { actor: { kind: 'admin', id: DEMO_IDS.admins.ola }, limit: 100 })).items).toEqual([]);

      for (const actor of [{ kind: 'admin' }, { kind: 'engine', id: DEMO_IDS.admins.ola }, { kind: 'nobody' }]) {
        const answer = await call(OLA, 'audit.list', { actor, limit: 10 });
        expect(answer.ok ? null : answer.error.code).toBe('invalid_input');
      }
    });

    it('offers as "Done by" the admins in the trail each caller may read, under their latest name', async () => {
      const record = (orgId: string, id: string, label: string) =>
        asCaller(f.db, SERVICE, (tx) =>
          recordAuditEvent(tx, { orgId, type: 'rules_changed', actor: { kind: 'admin', id, label }, summary: `${label} changed the rules.` }),
        );
      await record(OWN.orgId, DEMO_IDS.admins.global, 'Gunn');
      await record(OWN.orgId, DEMO_IDS.admins.ola, 'Ola Nordmann');
      await record(OTHER.orgId, DEMO_IDS.admins.kari, 'Kari Nordmann');
      await record(OTHER.orgId, DEMO_IDS.admins.global, 'Gunn Global');
      // Ola's events elsewhere in this file recorded him as "Ola" before; his latest name wins.

      expect(await ok(GLOBAL, 'audit.actors', {})).toEqual([
        { id: DEMO_IDS.admins.global, name: 'Gunn Global' },
        { id: DEMO_IDS.admins.kari, name: 'Kari Nordmann' },
        { id: DEMO_IDS.admins.ola, name: 'Ola Nordmann' },
      ]);
      // In one organization, each under the name recorded there.
      expect(await ok(GLOBAL, 'audit.actors', { orgId: OWN.orgId })).toEqual([
        { id: DEMO_IDS.admins.global, name: 'Gunn' },
        { id: DEMO_IDS.admins.ola, name: 'Ola Nordmann' },
      ]);
      // An organization's admin sees who acted in their organization only, and no one elsewhere.
      expect(await ok(OLA, 'audit.actors', {})).toEqual([
        { id: DEMO_IDS.admins.global, name: 'Gunn' },
        { id: DEMO_IDS.admins.ola, name: 'Ola Nordmann' },
      ]);
      expect(await ok(KARI, 'audit.actors', {})).toEqual([
        { id: DEMO_IDS.admins.global, name: 'Gunn Global' },
        { id: DEMO_IDS.admins.kari, name: 'Kari Nordmann' },
      ]);
      expect(await ok(KARI, 'audit.actors', { orgId: OWN.orgId })).toEqual([]);
      expect(await ok(STRANGER, 'audit.actors', {})).toEqual([]);
      const refused = await call(OLA, 'audit.actors', { orgId: 'not-a-uuid' });
      expect(refused.ok ? null : refused.error.code).toBe('invalid_input');
    });
  });

  describe('alerts', () => {
    const alertId = async (orgId: string, kind: string, status = 'open') =>
      (await f.db.query<{ id: string }>(`select id from sync.alerts where org_id = $1 and kind = $2 and status = $3`, [orgId, kind, status])).rows[0]
        ?.id ?? '';

    beforeAll(async () => {
      await asCaller(f.db, SERVICE, async (tx) => {
        const alert = { severity: 'error', actor: 'org_admin', message: 'The registry refused the saved credentials.' } as const;
        await raiseAlert(tx, { ...OWN, kind: 'credentials_failed', ...alert });
        await raiseAlert(tx, { ...OTHER, kind: 'credentials_failed', ...alert });
        await raiseAlert(tx, { ...OWN, kind: 'stale_late', severity: 'warning', actor: 'vendor', message: 'No successful sync for 26 hours.' });
        await resolveAlerts(tx, OWN.integrationId, ['stale_late']);
        await raiseAlert(tx, { ...OWN, kind: 'repeated_failures', severity: 'error', actor: 'vendor', message: 'The last 3 syncs failed.' });
      });
    });

    it('lists open alerts of the admin’s own organization; all of them on request; every organization for a global admin', async () => {
      const open = (await ok(OLA, 'alerts.list', {})).items;
      expect(open.map((alert) => alert.kind).sort()).toEqual(['credentials_failed', 'repeated_failures']);
      expect(open[0]).toMatchObject({ orgId: OWN.orgId, integrationId: OWN.integrationId, status: 'open', occurrences: 1, acknowledgedBy: null });
      expect((await ok(OLA, 'alerts.list', { status: 'all' })).items.map((alert) => alert.kind).sort()).toEqual([
        'credentials_failed',
        'repeated_failures',
        'stale_late',
      ]);
      expect((await ok(GLOBAL, 'alerts.list', {})).items.map((alert) => alert.orgId).sort()).toEqual([OWN.orgId, OWN.orgId, OTHER.orgId].sort());
      expect(await ok(OLA, 'alerts.list', { orgId: OTHER.orgId })).toEqual({ items: [], nextCursor: null });
      expect(await ok(STRANGER, 'alerts.list', { status: 'all' })).toEqual({ items: [], nextCursor: null });
    });

    it('an org admin acknowledges their own alert once; the first acknowledgement stands', async () => {
      const id = await alertId(OWN.orgId, 'credentials_failed');
      const acknowledged = await ok(OLA, 'alerts.acknowledge', { alertId: id });
      expect(acknowledged).toMatchObject({ id, status: 'open', acknowledgedBy: { userId: DEMO_IDS.admins.ola, displayName: 'Ola Nordmann' } });
      expect(acknowledged.acknowledgedAt).not.toBeNull();
      expect(await ok(GLOBAL, 'alerts.acknowledge', { alertId: id })).toEqual(acknowledged);
      // Recorded in the trail once, by the admin who acknowledged.
      const { rows } = await f.db.query(`select actor_id, detail from sync.audit_events where type = 'alert_acknowledged'`);
      expect(rows).toEqual([{ actor_id: DEMO_IDS.admins.ola, detail: { alertId: id, kind: 'credentials_failed' } }]);
    });

    it("acknowledging another organization's alert is not found and changes nothing; a resolved one cannot be acknowledged", async () => {
      const other = await alertId(OTHER.orgId, 'credentials_failed');
      expect(await call(OLA, 'alerts.acknowledge', { alertId: other })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await call(STRANGER, 'alerts.acknowledge', { alertId: await alertId(OWN.orgId, 'repeated_failures') })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      const { rows } = await f.db.query(`select acknowledged_by from sync.alerts where id = any($1::uuid[])`, [
        [other, await alertId(OWN.orgId, 'repeated_failures')],
      ]);
      expect(rows).toEqual([{ acknowledged_by: null }, { acknowledged_by: null }]);
      expect(await call(OLA, 'alerts.acknowledge', { alertId: await alertId(OWN.orgId, 'stale_late', 'resolved') })).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
      await ok(GLOBAL, 'alerts.acknowledge', { alertId: other });
      expect(await ok(KARI, 'alerts.list', {})).toMatchObject({ items: [{ id: other, acknowledgedBy: { displayName: 'Gunn Global' } }] });
    });

    it('pages by keyset without duplicates or gaps', async () => {
      await f.db.query(
        `insert into sync.alerts (org_id, integration_id, kind, severity, actor, message, status, first_raised_at, last_raised_at, resolved_at)
         select $1, $2, 'stale_late', 'warning', 'vendor', 'No successful sync for 26 hours.', 'resolved', t, t, t
           from unnest($3::timestamptz[]) as t`,
        [OWN.orgId, OWN.integrationId, Array.from({ length: 13 }, (_, i) => `2023-02-${String(1 + Math.floor(i / 2)).padStart(2, '0')}T09:00:00Z`)],
      );
      const { rows: expected } = await f.db.query<{ id: string }>(
        `select id from sync.alerts where org_id = $1 order by last_raised_at desc, id desc`,
        [OWN.orgId],
      );
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await ok(OLA, 'alerts.list', { status: 'all', limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((alert) => alert.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(expected.map((row) => row.id));
    });
  });
});
