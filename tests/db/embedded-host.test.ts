// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedHost } from '../../electron/main/host/embedded-host.ts';
import { generateCredentialKey } from '../../backend/crypto/credential-box.ts';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { everyFileAsText, secretsIn } from '../support/secret-scan.ts';
import { until } from '../support/until.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'msc-host-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const keyBase64 = generateCredentialKey();
const start = (memberCount: number) =>
  startEmbeddedHost({
    dataDir,
    credentialKey: { keyId: 'k', keyBase64 },
    cornerstone: { memberCount },
    workerPollIntervalMs: 50,
    log: () => undefined,
  });

describe('embedded demo host', () => {
  it('starts with nothing configured, signed in as the global admin, and can act as an org admin', async () => {
    const host = await start(1_200);
    try {
      const session = await host.dispatch('session.get', {});
      expect(session).toMatchObject({ ok: true, value: { mode: 'embedded-demo', admin: { isGlobal: true } } });
      expect(session.ok && (session.value as { demoIdentities: unknown[] }).demoIdentities).toHaveLength(5);
      expect(await host.dispatch('organizations.list', {})).toMatchObject({ ok: true, value: { length: 3 } });

      expect(await host.dispatch('session.actAs', { userId: DEMO_IDS.admins.ola })).toMatchObject({
        ok: true,
        value: { admin: { isGlobal: false } },
      });
      expect(await host.dispatch('organizations.list', {})).toMatchObject({ ok: true, value: [{ id: DEMO_IDS.organizations.friluftslag }] });
      expect(await host.dispatch('session.actAs', { userId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });

      await host.dispatch('sync.start', { integrationId: DEMO_IDS.integrations.friluftslagCornerstone });
      await host.worker.idle();
      expect(await host.dispatch('health.list', {})).toMatchObject({ ok: true, value: [{ health: 'healthy', memberCount: 1_200 }] });

      // The process dies in the middle of a sync: its job is left 'running' with a fresh heartbeat.
      await host.worker.stop();
      await host.db.query(
        `insert into sync.sync_jobs (integration_id, org_id, kind, status, claimed_by, attempt, started_at, heartbeat_at)
         values ($1, $2, 'full', 'running', 'process-that-died', 1, now(), now())`,
        [DEMO_IDS.integrations.ungdomCornerstone, DEMO_IDS.organizations.ungdom],
      );
    } finally {
      await host.close();
    }
  });

  it('keeps its data across a restart, with the registry on a new port', async () => {
    const host = await start(1_300);
    try {
      const before = await host.dispatch('health.list', {});
      const friluftslag = before.ok ? (before.value as Array<{ integrationId: string; memberCount: number }>) : [];
      expect(friluftslag.find((row) => row.integrationId === DEMO_IDS.integrations.friluftslagCornerstone)?.memberCount).toBe(1_200);

      await host.dispatch('sync.start', { integrationId: DEMO_IDS.integrations.friluftslagCornerstone });
      await host.worker.idle();
      const { rows } = await host.db.query<{ records_created: number; records_unchanged: number }>(
        'select records_created, records_unchanged from sync.sync_runs where integration_id = $1 order by started_at desc limit 1',
        [DEMO_IDS.integrations.friluftslagCornerstone],
      );
      expect(rows[0]).toEqual({ records_created: 100, records_unchanged: 1_200 });

      // The job the dead process held was requeued at start and finished by this one.
      const orphan = await host.db.query<{ status: string; attempt: number }>(
        `select status, attempt from sync.sync_jobs where integration_id = $1`,
        [DEMO_IDS.integrations.ungdomCornerstone],
      );
      expect(orphan.rows).toEqual([{ status: 'succeeded', attempt: 2 }]);
    } finally {
      await host.close();
    }
  });
});

describe('embedded demo host with both registries', () => {
  const demoDir = mkdtempSync(join(tmpdir(), 'msc-host-both-'));
  afterAll(() => rmSync(demoDir, { recursive: true, force: true }));

  it("syncs Kystkoret from Consio and applies Cornerstone's webhooks as they arrive", async () => {
    const host = await startEmbeddedHost({
      dataDir: demoDir,
      credentialKey: { keyId: 'k', keyBase64 },
      cornerstone: { memberCount: 400 },
      consio: { memberCount: 300 },
      workerPollIntervalMs: 50,
      log: () => undefined,
    });
    try {
      await host.dispatch('session.actAs', { userId: DEMO_IDS.admins.sigrid });
      expect(await host.dispatch('sync.start', { integrationId: DEMO_IDS.integrations.kystkoretConsio })).toMatchObject({ ok: true });
      await host.worker.idle();
      expect(await host.dispatch('health.list', {})).toMatchObject({
        ok: true,
        value: [{ integrationId: DEMO_IDS.integrations.kystkoretConsio, system: 'consio', health: 'healthy', memberCount: 300 }],
      });

      const { changed } = host.cornerstone.evolve({ joins: 2, contactChanges: 3 });
      await host.cornerstone.flushWebhooks();
      const { rows } = await host.db.query<{ external_id: string; outcome: string }>(
        `select external_id, outcome from sync.webhook_events where integration_id = $1 order by external_id`,
        [DEMO_IDS.integrations.friluftslagCornerstone],
      );
      expect(rows.map((row) => row.external_id)).toEqual([...changed].sort());
      expect(new Set(rows.map((row) => row.outcome))).toEqual(new Set(['applied']));
    } finally {
      await host.close();
    }
  });
});

describe('embedded demo host with Vipps logins', () => {
  const vippsDir = mkdtempSync(join(tmpdir(), 'msc-host-vipps-'));
  afterAll(() => rmSync(vippsDir, { recursive: true, force: true }));

  it('enriches members as they log in, writes a person in two organizations to both registries, and keeps no number on disk or in the log', async () => {
    const logged: string[] = [];
    const host = await startEmbeddedHost({
      dataDir: vippsDir,
      credentialKey: { keyId: 'k', keyBase64 },
      cornerstone: { memberCount: 400 },
      consio: { memberCount: 300 },
      workerPollIntervalMs: 50,
      vippsLoginEveryMs: 50,
      log: (line) => logged.push(line),
    });
    let numbers: string[];
    try {
      for (const integrationId of [DEMO_IDS.integrations.friluftslagCornerstone, DEMO_IDS.integrations.kystkoretConsio]) {
        expect(await host.dispatch('sync.start', { integrationId })).toMatchObject({ ok: true });
      }
      await host.worker.idle();
      await host.dispatch('session.actAs', { userId: DEMO_IDS.admins.sigrid });
      expect(
        await host.dispatch('enrichment.updateSettings', {
          orgId: DEMO_IDS.organizations.kystkoret,
          enabled: true,
          legalBasis: 'The choir reports members by personnummer for its grant from Norsk kulturråd.',
        }),
      ).toMatchObject({ ok: true });

      // The demo's own members log in by themselves; Norsk Friluftslag's enrichment is switched on for them.
      await until(async () => {
        const { rows } = await host.db.query<{ n: number }>(`select count(*)::int as n from sync.enrichment_events where outcome = 'written'`);
        return (rows[0]?.n ?? 0) >= 5 ? true : undefined;
      }, 30_000);
      await host.dispatch('session.actAs', { userId: DEMO_IDS.admins.global });
      const overview = await host.dispatch('enrichment.overview', { orgId: DEMO_IDS.organizations.friluftslag });
      expect(overview).toMatchObject({
        ok: true,
        value: { organizations: [{ settings: { enabled: true, enabledBy: { userId: DEMO_IDS.admins.global } } }] },
      });

      const shared = host.vipps.people.find(
        (person) =>
          person.records.length === 2 &&
          person.vipps !== null &&
          host.consio !== null &&
          host.consio.member(host.consio.indexOf(Number(person.records[1]?.externalId)) ?? 0).ssn === null &&
          host.cornerstone.member(Number(person.records[0]?.externalId.slice(3)) - 1).nationalIdentityNumber === null,
      );
      if (!shared?.vipps || !host.consio) throw new Error('no person in both organizations left to log in');
      expect(await host.vipps.login(shared)).toMatchObject({ status: 200, body: { written: 2 } });
      expect(host.cornerstone.member(Number(shared.records[0]?.externalId.slice(3)) - 1).nationalIdentityNumber).toBe(shared.vipps.nin);
      expect(host.consio.member(host.consio.indexOf(Number(shared.records[1]?.externalId)) ?? -1).ssn).toBe(shared.vipps.nin);
      numbers = host.vipps.people.flatMap((person) => (person.vipps && !person.registryHasNumber ? [person.vipps.nin] : []));
    } finally {
      await host.close();
    }
    expect(numbers.length).toBeGreaterThan(100);
    expect(secretsIn(everyFileAsText(vippsDir), numbers)).toEqual([]);
    expect(secretsIn(logged.join('\n'), numbers)).toEqual([]);
  }, 90_000);
});
