// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/port.ts';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS, seedDemo } from '../../backend/db/demo-seed.ts';
import { loadRuleSet, loadSafetySettings } from '../../backend/engine/policy-store.ts';
import { enqueueDueJobs } from '../../backend/engine/scheduler.ts';
import { databaseTargets, openMigrated } from './harness.ts';
import { GLOBAL, handlerCalls, KARI, OLA, OTHER, OWN, STRANGER, untilSomeoneWaitsForALock } from './support/handlers-fixture.ts';

const SERVICE = { kind: 'service' } as const;

describe.each(databaseTargets())('conflict rules, safety settings and schedules on $name', (target) => {
  let db: Db;
  const { call, ok } = handlerCalls(
    () => db,
    () => Promise.reject(new Error('no registry in these tests')),
  );

  beforeAll(async () => {
    db = await openMigrated(target);
    await seedDemo(db, { cornerstoneBaseUrl: 'http://127.0.0.1:9', credentialCiphertext: { ciphertext: 'x', keyId: 'k' } });
  });
  afterAll(async () => db?.close());

  const auditEvents = async (type: string) =>
    (
      await db.query<{
        org_id: string;
        actor_id: string | null;
        actor_label: string;
        summary: string;
        detail: unknown;
        integration_id: string | null;
      }>(`select org_id, actor_id, actor_label, summary, detail, integration_id from sync.audit_events where type = $1 order by occurred_at`, [type])
    ).rows;
  const ruleRows = async (orgId: string) =>
    (
      await db.query(`select category, resolution, version, created_by from sync.conflict_rules where org_id = $1 order by category, version`, [
        orgId,
      ])
    ).rows;

  describe('rules', () => {
    it('lists the built-in defaults as version 0 until a rule is saved', async () => {
      const rules = await ok(OLA, 'rules.list', { orgId: OWN.orgId });
      expect(rules.categories).toEqual([
        { category: 'membership_status', resolution: 'external_wins', version: 0, defaultResolution: 'external_wins', history: [] },
        { category: 'roles', resolution: 'external_wins', version: 0, defaultResolution: 'external_wins', history: [] },
        { category: 'contact_details', resolution: 'manual_review', version: 0, defaultResolution: 'manual_review', history: [] },
        { category: 'affiliation', resolution: 'external_wins', version: 0, defaultResolution: 'external_wins', history: [] },
      ]);
    });

    it('an org admin saves new versions of their own rules, each audited with who, what and when', async () => {
      const first = await ok(OLA, 'rules.update', { orgId: OWN.orgId, category: 'contact_details', resolution: 'app_wins' });
      expect(first.changed).toBe(true);
      const second = await ok(OLA, 'rules.update', { orgId: OWN.orgId, category: 'contact_details', resolution: 'external_wins' });
      const contact = second.rules.categories.find((rule) => rule.category === 'contact_details');
      expect(contact).toMatchObject({
        resolution: 'external_wins',
        version: 2,
        history: [
          { version: 2, resolution: 'external_wins', createdBy: { userId: DEMO_IDS.admins.ola, displayName: 'Ola Nordmann' } },
          { version: 1, resolution: 'app_wins', createdBy: { displayName: 'Ola Nordmann' } },
        ],
      });
      expect(await auditEvents('rules_changed')).toEqual([
        {
          org_id: OWN.orgId,
          integration_id: null,
          actor_id: DEMO_IDS.admins.ola,
          actor_label: 'Ola Nordmann',
          summary: 'Ola Nordmann changed the rule for contact details from manual review to app wins (version 1).',
          detail: { category: 'contact_details', from: 'manual_review', to: 'app_wins', version: 1 },
        },
        expect.objectContaining({
          summary: 'Ola Nordmann changed the rule for contact details from app wins to registry wins (version 2).',
          detail: { category: 'contact_details', from: 'app_wins', to: 'external_wins', version: 2 },
        }),
      ]);
      // The engine reads the rule in force from the next page it reconciles.
      const inForce = await asCaller(db, SERVICE, (tx) => loadRuleSet(tx, OWN.orgId));
      expect(inForce.contact_details).toEqual({ category: 'contact_details', resolution: 'external_wins', version: 2 });
    });

    it('saving the rule already in force is not a change: no version, no audit event', async () => {
      const before = (await auditEvents('rules_changed')).length;
      const same = await ok(OLA, 'rules.update', { orgId: OWN.orgId, category: 'contact_details', resolution: 'external_wins' });
      expect(same.changed).toBe(false);
      expect(same.rules.categories.find((rule) => rule.category === 'contact_details')?.version).toBe(2);
      expect(await auditEvents('rules_changed')).toHaveLength(before);
    });

    it("another organization's rules are not found, for reading and for writing, and nothing changes", async () => {
      const events = (await auditEvents('rules_changed')).length;
      expect(await call(OLA, 'rules.list', { orgId: OTHER.orgId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await call(OLA, 'rules.update', { orgId: OTHER.orgId, category: 'roles', resolution: 'app_wins' })).toMatchObject({
        ok: false,
        error: { code: 'not_found', actor: 'org_admin' },
      });
      expect(await call(STRANGER, 'rules.list', { orgId: OWN.orgId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await call(STRANGER, 'rules.update', { orgId: OWN.orgId, category: 'roles', resolution: 'app_wins' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await ruleRows(OTHER.orgId)).toEqual([]);
      expect(await auditEvents('rules_changed')).toHaveLength(events);
    });

    it("a global admin changes any organization's rules, and its admins see who did", async () => {
      await ok(GLOBAL, 'rules.update', { orgId: OTHER.orgId, category: 'roles', resolution: 'manual_review' });
      const seenByKari = await ok(KARI, 'rules.list', { orgId: OTHER.orgId });
      expect(seenByKari.categories.find((rule) => rule.category === 'roles')).toMatchObject({
        resolution: 'manual_review',
        version: 1,
        history: [{ version: 1, createdBy: { displayName: 'Gunn Global' } }],
      });
      expect(await call(KARI, 'rules.list', { orgId: OWN.orgId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('refuses unknown categories and resolutions, personnummer included', async () => {
      for (const input of [
        { orgId: OWN.orgId, category: 'personnummer', resolution: 'app_wins' },
        { orgId: OWN.orgId, category: 'roles', resolution: 'coin_flip' },
        { orgId: 'not-a-uuid', category: 'roles', resolution: 'app_wins' },
      ]) {
        expect(await call(OLA, 'rules.update', input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    });

    // Two transactions at once need two connections; PGlite has one.
    if (target.name === 'postgres')
      it('two saves at once both land: the later one retries above the version the other took', async () => {
        // Another admin's save holds version 1 of affiliation, not yet committed, while Ola saves.
        let olaSave: Promise<unknown> = Promise.resolve();
        await asCaller(db, GLOBAL, async (tx) => {
          await tx.query(
            `insert into sync.conflict_rules (org_id, category, resolution, version, created_by) values ($1, 'affiliation', 'manual_review', 1, (select auth.uid()))`,
            [OWN.orgId],
          );
          olaSave = ok(OLA, 'rules.update', { orgId: OWN.orgId, category: 'affiliation', resolution: 'app_wins' });
          // Ola's insert of the same version waits on this transaction's unique key entry.
          await untilSomeoneWaitsForALock(db);
        });
        const saved = (await olaSave) as {
          changed: boolean;
          rules: { categories: Array<{ category: string; version: number; resolution: string }> };
        };
        expect(saved.changed).toBe(true);
        expect(saved.rules.categories.find((rule) => rule.category === 'affiliation')).toMatchObject({ version: 2, resolution: 'app_wins' });
        expect((await auditEvents('rules_changed')).at(-1)?.detail).toEqual({
          category: 'affiliation',
          from: 'manual_review',
          to: 'app_wins',
          version: 2,
        });
      });
  });

  describe('settings', () => {
    it('reads the defaults until the organization saves its own', async () => {
      expect(await ok(OLA, 'settings.get', { orgId: OWN.orgId })).toEqual({
        orgId: OWN.orgId,
        absentMemberAction: 'lapse',
        guardMaxPercent: 10,
        guardMaxMembers: 500,
        isDefault: true,
        updatedBy: null,
        updatedAt: null,
      });
    });

    it('an org admin saves them, the engine uses them, and the audit trail has before and after', async () => {
      const saved = await ok(OLA, 'settings.update', { orgId: OWN.orgId, absentMemberAction: 'remove', guardMaxPercent: 5.5, guardMaxMembers: 200 });
      expect(saved).toMatchObject({
        absentMemberAction: 'remove',
        guardMaxPercent: 5.5,
        guardMaxMembers: 200,
        isDefault: false,
        updatedBy: { displayName: 'Ola Nordmann' },
      });
      expect(await ok(OLA, 'settings.get', { orgId: OWN.orgId })).toEqual(saved);
      expect(await asCaller(db, SERVICE, (tx) => loadSafetySettings(tx, OWN.orgId))).toEqual({
        absentMemberAction: 'remove',
        guardMaxPercent: 5.5,
        guardMaxMembers: 200,
      });
      await ok(OLA, 'settings.update', { orgId: OWN.orgId, absentMemberAction: 'remove', guardMaxPercent: 5.5, guardMaxMembers: 100 });
      // Saving the same values again is not a change.
      await ok(OLA, 'settings.update', { orgId: OWN.orgId, absentMemberAction: 'remove', guardMaxPercent: 5.5, guardMaxMembers: 100 });
      const events = await auditEvents('settings_changed');
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({
        org_id: OWN.orgId,
        actor_label: 'Ola Nordmann',
        detail: {
          before: { absentMemberAction: 'lapse', guardMaxPercent: 10, guardMaxMembers: 500 },
          after: { absentMemberAction: 'remove', guardMaxPercent: 5.5, guardMaxMembers: 200 },
        },
      });
      expect(events[1]?.summary).toBe('Ola Nordmann changed the sync safety settings: hold threshold 200 → 100 members.');
    });

    it("another organization's settings are not found and stay as they were", async () => {
      expect(await call(OLA, 'settings.get', { orgId: OTHER.orgId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(
        await call(OLA, 'settings.update', { orgId: OTHER.orgId, absentMemberAction: 'remove', guardMaxPercent: 1, guardMaxMembers: 0 }),
      ).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(
        await call(STRANGER, 'settings.update', { orgId: OWN.orgId, absentMemberAction: 'lapse', guardMaxPercent: 1, guardMaxMembers: 0 }),
      ).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const { rows } = await db.query(`select org_id from sync.org_sync_settings`);
      expect(rows).toEqual([{ org_id: OWN.orgId }]);
      expect(await ok(GLOBAL, 'settings.get', { orgId: OTHER.orgId })).toMatchObject({ isDefault: true });
      expect(await ok(GLOBAL, 'settings.get', { orgId: OWN.orgId })).toMatchObject({
        guardMaxMembers: 100,
        updatedBy: { displayName: 'Ola Nordmann' },
      });
    });

    it('refuses values the guard cannot work with', async () => {
      for (const input of [
        { guardMaxPercent: 0, guardMaxMembers: 10, absentMemberAction: 'lapse' },
        { guardMaxPercent: 101, guardMaxMembers: 10, absentMemberAction: 'lapse' },
        { guardMaxPercent: 10, guardMaxMembers: -1, absentMemberAction: 'lapse' },
        { guardMaxPercent: 10, guardMaxMembers: 10, absentMemberAction: 'delete' },
      ]) {
        expect(await call(OLA, 'settings.update', { orgId: OWN.orgId, ...input })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    });
  });

  describe('schedules', () => {
    const scheduleRow = async (integrationId: string) =>
      (
        await db.query<{ schedule_cron: string; delta_interval_minutes: number; next_full_sync_at: Date | null; next_delta_sync_at: Date | null }>(
          `select schedule_cron, delta_interval_minutes, next_full_sync_at, next_delta_sync_at from sync.integrations where id = $1`,
          [integrationId],
        )
      ).rows[0];

    it('an org admin changes the schedule; the scheduler recomputes the next run from it without queuing one', async () => {
      const planned = new Date('2030-01-01T01:00:00Z');
      await db.query(`update sync.integrations set next_full_sync_at = $2, next_delta_sync_at = $2 where id = $1`, [OWN.integrationId, planned]);
      const saved = await ok(OLA, 'integrations.updateSchedule', {
        integrationId: OWN.integrationId,
        scheduleCron: ' 30  3 * * mon-fri ',
        deltaIntervalMinutes: 15,
      });
      expect(saved).toEqual({
        integrationId: OWN.integrationId,
        scheduleCron: '30 3 * * mon-fri',
        scheduleTimezone: 'Europe/Oslo',
        deltaIntervalMinutes: 15,
        nextFullSyncAt: null,
        // The interval did not change, so the next delta stands.
        nextDeltaSyncAt: planned.toISOString(),
      });
      const [event] = await auditEvents('integration_changed');
      expect(event).toMatchObject({
        integration_id: OWN.integrationId,
        actor_label: 'Ola Nordmann',
        summary: "Ola Nordmann changed the schedule of Cornerstone – Norsk Friluftslag: full sync schedule '0 2 * * *' → '30 3 * * mon-fri'.",
        detail: {
          before: { scheduleCron: '0 2 * * *', deltaIntervalMinutes: 15 },
          after: { scheduleCron: '30 3 * * mon-fri', deltaIntervalMinutes: 15 },
        },
      });

      const now = new Date('2026-11-23T12:00:00Z'); // a Monday
      expect(await asCaller(db, SERVICE, (tx) => enqueueDueJobs(tx, now))).toBe(0);
      // 03:30 in Oslo on Tuesday is 02:30 UTC (winter time).
      expect((await scheduleRow(OWN.integrationId))?.next_full_sync_at?.toISOString()).toBe('2026-11-24T02:30:00.000Z');
    });

    it('refuses a schedule that is not cron, with the reason, and an interval out of range', async () => {
      const bad = await call(OLA, 'integrations.updateSchedule', {
        integrationId: OWN.integrationId,
        scheduleCron: '61 * * * *',
        deltaIntervalMinutes: 15,
      });
      expect(bad).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', issues: [{ path: 'scheduleCron', message: expect.stringMatching(/minute field '61'/) }] },
      });
      const often = await call(OLA, 'integrations.updateSchedule', {
        integrationId: OWN.integrationId,
        scheduleCron: '0 2 * * *',
        deltaIntervalMinutes: 1,
      });
      expect(often).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'deltaIntervalMinutes' }] } });
      expect((await scheduleRow(OWN.integrationId))?.schedule_cron).toBe('30 3 * * mon-fri');
    });

    it("another organization's integration is not found and keeps its schedule; a global admin may change it", async () => {
      const input = { integrationId: OTHER.integrationId, scheduleCron: '0 4 * * *', deltaIntervalMinutes: 60 };
      expect(await call(OLA, 'integrations.updateSchedule', input)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await call(STRANGER, 'integrations.updateSchedule', input)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await scheduleRow(OTHER.integrationId)).toMatchObject({ schedule_cron: '0 2 * * *', delta_interval_minutes: 15 });
      expect(await ok(GLOBAL, 'integrations.updateSchedule', input)).toMatchObject({
        scheduleCron: '0 4 * * *',
        deltaIntervalMinutes: 60,
        nextDeltaSyncAt: null,
      });
      expect((await auditEvents('integration_changed')).map((event) => event.integration_id)).toEqual([OWN.integrationId, OTHER.integrationId]);
    });
  });
});
