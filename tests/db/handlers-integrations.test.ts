// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { createRegistrySetup, type RegistrySetup } from '../../backend/handlers/registry-setup.ts';
import { handleCornerstoneWebhook } from '../../backend/webhooks/cornerstone-webhook.ts';
import { signCornerstoneWebhook } from '../../sim/cornerstone/webhook-signature.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { startConsioSim, type ConsioSim } from '../../sim/consio/server.ts';
import { databaseTargets } from './harness.ts';
import { openEngineFixture, type EngineFixture } from './support/engine-fixture.ts';
import { everyTableAsText, secretsIn } from '../support/secret-scan.ts';
import { GLOBAL, handlerCalls, KARI, OLA, OTHER, OWN, runQueuedJob, STRANGER } from './support/handlers-fixture.ts';

const DEADLINE_MS = 1_500;
const WEBHOOK_BASE = 'https://project.example/functions/v1/cornerstone-webhook';
const notFound = { ok: false, error: { code: 'not_found' } };
const forbidden = { ok: false, error: { code: 'forbidden' } };

/**
 * Setting integrations up (stories 7, 8 and 9): connection tests, saving credentials, webhook
 * secrets and onboarding, each as a global admin, the organization's admin, another
 * organization's admin and a stranger, against live simulators.
 */
describe.each(databaseTargets())('integration setup on $name', (target) => {
  let f: EngineFixture;
  let setup: RegistrySetup;
  let fresh: CornerstoneSim;
  let consio: ConsioSim;
  const { call, ok } = handlerCalls(
    () => f.db,
    (integrationId) => f.resolveSource(integrationId),
    () => setup,
  );

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: 300, seed: 61 });
    setup = createRegistrySetup(f.box, { allowLoopbackHttp: true, webhookBaseUrl: WEBHOOK_BASE, testDeadlineMs: DEADLINE_MS });
    fresh = await startCornerstoneSim({ memberCount: 240, seed: 62, organizationName: 'Fjellklubben Nord' });
    consio = await startConsioSim({ memberCount: 130, seed: 63, organizationName: 'Sjøspeiderne Sør' });
  }, 60_000);
  afterAll(async () => {
    await fresh?.close();
    await consio?.close();
    await f?.close();
  });

  const cornerstoneForm = (sim: CornerstoneSim, change: Partial<{ username: string; password: string; clientId: string }> = {}) => ({
    system: 'cornerstone' as const,
    baseUrl: sim.url,
    credentials: { kind: 'user_password_client' as const, ...sim.credentials, ...change },
  });
  const stored = async (integrationId: string) =>
    (
      await f.db.query<{ ciphertext: string; base_url: string; auth_kind: string; enabled: boolean }>(
        `select c.ciphertext, i.base_url, i.auth_kind, i.enabled from sync.integrations i
           join sync.integration_credentials c on c.integration_id = i.id where i.id = $1`,
        [integrationId],
      )
    ).rows[0];
  const auditRows = async () => JSON.stringify((await f.db.query(`select * from sync.audit_events`)).rows);

  /** Every credential and webhook secret these tests enter or are shown, for the scan at the end. */
  const entered = new Set<string>();

  describe('integrations.testConnection', () => {
    it('tries the saved credentials for the admins of the integration, and says what the registry reports', async () => {
      for (const caller of [OLA, GLOBAL]) {
        const result = await ok(caller, 'integrations.testConnection', { source: 'saved', integrationId: OWN.integrationId });
        expect(result).toMatchObject({ outcome: 'connected', memberCount: 300, webhooksAvailable: true });
        expect(result.outcome === 'connected' && result.organizationName).toEqual(expect.any(String));
      }
      for (const caller of [KARI, STRANGER]) {
        expect(await call(caller, 'integrations.testConnection', { source: 'saved', integrationId: OWN.integrationId })).toMatchObject(notFound);
      }
      const settings = await ok(OLA, 'integrations.get', { integrationId: OWN.integrationId });
      expect(settings.credentials.lastWorkedAt).not.toBeNull();
    });

    it('names the credential the registry refused, and who must act, for each kind of mistake', async () => {
      const cases = [
        [cornerstoneForm(fresh, { password: 'not-the-password' }), 'wrong_password', 'org_admin'],
        [cornerstoneForm(fresh, { clientId: 'no-such-client' }), 'unknown_client', 'org_admin'],
        [
          { system: 'cornerstone', baseUrl: fresh.url, credentials: { kind: 'api_key', apiKey: 'cs_wrong_key_000000' } },
          'wrong_api_key',
          'org_admin',
        ],
        [
          {
            system: 'consio',
            baseUrl: consio.url,
            credentials: { kind: 'client_credentials', clientId: consio.credentials.clientId, clientSecret: 'wrong-secret-000' },
          },
          'wrong_client_secret',
          'org_admin',
        ],
        [{ ...cornerstoneForm(fresh), baseUrl: 'ftp://registry.example' }, 'invalid_address', 'org_admin'],
        [{ ...cornerstoneForm(fresh), baseUrl: 'http://127.0.0.1:9' }, 'unreachable', undefined],
      ] as const;
      for (const [connection, problem, actor] of cases) {
        const result = await ok(GLOBAL, 'integrations.testConnection', { source: 'form', connection });
        expect(result, problem).toMatchObject({ outcome: 'failed', problem, ...(actor ? { actor } : {}) });
        // Never a credential in what comes back.
        const answer = JSON.stringify(result);
        for (const secret of ['not-the-password', 'cs_wrong_key_000000', 'wrong-secret-000', fresh.credentials.password])
          expect(answer).not.toContain(secret);
      }
    });

    it('answers a rate limit and a slow registry by the deadline, as rate_limited and timeout', async () => {
      fresh.failNext(1, 429, { retryAfterSeconds: 30 });
      expect(await ok(GLOBAL, 'integrations.testConnection', { source: 'form', connection: cornerstoneForm(fresh) })).toMatchObject({
        outcome: 'failed',
        problem: 'rate_limited',
      });
      fresh.setLatency(DEADLINE_MS * 3);
      try {
        const result = await ok(GLOBAL, 'integrations.testConnection', { source: 'form', connection: cornerstoneForm(fresh) });
        expect(result).toMatchObject({ outcome: 'failed', problem: 'timeout', code: 'source_timeout' });
        expect(result.elapsedMs).toBeGreaterThanOrEqual(DEADLINE_MS - 5);
        expect(result.elapsedMs).toBeLessThan(DEADLINE_MS * 2);
      } finally {
        fresh.resetFaults();
      }
    });

    it('reports a Cornerstone whose organization has no webhooks as one', async () => {
      const plain = await startCornerstoneSim({ memberCount: 12, seed: 64, webhooksAvailable: false });
      try {
        expect(await ok(GLOBAL, 'integrations.testConnection', { source: 'form', connection: cornerstoneForm(plain) })).toMatchObject({
          outcome: 'connected',
          memberCount: 12,
          webhooksAvailable: false,
        });
      } finally {
        await plain.close();
      }
    });

    it('reports Consio organization name, member count and that it sends no webhooks', async () => {
      const result = await ok(GLOBAL, 'integrations.testConnection', {
        source: 'form',
        connection: { system: 'consio', baseUrl: consio.url, credentials: { kind: 'client_credentials', ...consio.credentials } },
      });
      expect(result).toMatchObject({ outcome: 'connected', organizationName: 'Sjøspeiderne Sør', memberCount: 130, webhooksAvailable: false });
    });

    it('lets only global admins try credentials for no integration, and org admins only for their own', async () => {
      for (const caller of [OLA, KARI, STRANGER]) {
        expect(await call(caller, 'integrations.testConnection', { source: 'form', connection: cornerstoneForm(fresh) })).toMatchObject(forbidden);
      }
      expect(
        await call(OLA, 'integrations.testConnection', { source: 'form', integrationId: OWN.integrationId, connection: cornerstoneForm(fresh) }),
      ).toMatchObject({ ok: true, value: { outcome: 'connected' } });
      expect(
        await call(KARI, 'integrations.testConnection', { source: 'form', integrationId: OWN.integrationId, connection: cornerstoneForm(fresh) }),
      ).toMatchObject(notFound);
      // Credentials of the wrong kind for the registry are refused before any request.
      expect(
        await call(GLOBAL, 'integrations.testConnection', {
          source: 'form',
          connection: { system: 'consio', baseUrl: consio.url, credentials: { kind: 'api_key', apiKey: 'cs_demo_7f3c9a1e5b2d4806' } },
        }),
      ).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'connection.credentials.kind' }] } });
    });
  });

  describe('integrations.get and integrations.update', () => {
    it('shows the settings without any credential, only when they changed and last worked', async () => {
      const settings = await ok(OLA, 'integrations.get', { integrationId: OWN.integrationId });
      expect(settings).toMatchObject({
        integrationId: OWN.integrationId,
        system: 'cornerstone',
        authKind: 'user_password_client',
        credentials: { saved: true, changedAt: expect.any(String) },
        webhooks: { supported: true, receivingUrl: `${WEBHOOK_BASE}/${OWN.integrationId}`, secretCreatedAt: null, signatureFailures: { last24h: 0 } },
        awaitingInitialSync: true,
      });
      const text = JSON.stringify(settings);
      for (const secret of Object.values(f.sim.credentials)) expect(text).not.toContain(secret);
      expect(await call(KARI, 'integrations.get', { integrationId: OWN.integrationId })).toMatchObject(notFound);
    });

    it('refuses an address that carries a username, password, query or fragment, and stores the address it calls', async () => {
      for (const baseUrl of [
        `${f.sim.url}/?apikey=SECRETINQUERY123`,
        `${f.sim.url}#SECRETINFRAGMENT1`,
        f.sim.url.replace('http://', 'http://user:SECRETPASSWORD1@'),
      ]) {
        const answer = await call(OLA, 'integrations.update', {
          integrationId: OWN.integrationId,
          connection: { baseUrl, credentials: { kind: 'api_key', apiKey: f.sim.credentials.apiKey } },
        });
        expect(answer, baseUrl).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'connection.baseUrl' }] } });
        expect(JSON.stringify(answer)).not.toMatch(/SECRET/);
      }
      expect(await auditRows()).not.toMatch(/SECRETIN|SECRETPASSWORD/);
      // Saving new credentials while switching the integration off is a contradiction, refused before the registry is asked.
      expect(
        await call(OLA, 'integrations.update', {
          integrationId: OWN.integrationId,
          enabled: false,
          connection: { baseUrl: f.sim.url, credentials: { kind: 'api_key', apiKey: f.sim.credentials.apiKey } },
        }),
      ).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'enabled' }] } });
    });

    it('says the saved credentials are unavailable, not wrong, when none are saved', async () => {
      const withCredentials = await call(GLOBAL, 'integrations.testConnection', { source: 'saved', integrationId: OTHER.integrationId });
      await f.db.query(`delete from sync.integration_credentials where integration_id = $1`, [OTHER.integrationId]);
      expect(await ok(KARI, 'integrations.testConnection', { source: 'saved', integrationId: OTHER.integrationId })).toMatchObject({
        outcome: 'failed',
        problem: 'credentials_unavailable',
        actor: 'org_admin',
      });
      expect(await ok(KARI, 'integrations.get', { integrationId: OTHER.integrationId })).toMatchObject({ credentials: { saved: false } });
      expect(withCredentials).toMatchObject({ ok: true, value: { outcome: 'connected' } });
    });

    it('refuses credentials the registry refuses, and saves nothing', async () => {
      const before = await stored(OWN.integrationId);
      const trail = await auditRows();
      const answer = await call(OLA, 'integrations.update', {
        integrationId: OWN.integrationId,
        connection: { baseUrl: f.sim.url, credentials: { kind: 'api_key', apiKey: 'cs_wrong_key_111111' } },
      });
      expect(answer).toMatchObject({ ok: false, error: { code: 'source_auth_failed', actor: 'org_admin' } });
      expect(JSON.stringify(answer)).not.toContain('cs_wrong_key_111111');
      expect(await stored(OWN.integrationId)).toEqual(before);
      expect(await auditRows()).toEqual(trail);
    });

    it('saves tested credentials sealed, activates the integration and queues its first full sync; the trail says only "changed"', async () => {
      await ok(OLA, 'integrations.update', { integrationId: OWN.integrationId, enabled: false });
      expect((await stored(OWN.integrationId))?.enabled).toBe(false);
      const before = await stored(OWN.integrationId);
      const { integration, queuedJob } = await ok(OLA, 'integrations.update', {
        integrationId: OWN.integrationId,
        connection: { baseUrl: f.sim.url, credentials: { kind: 'api_key', apiKey: f.sim.credentials.apiKey } },
      });
      expect(integration).toMatchObject({ enabled: true, authKind: 'api_key', credentials: { saved: true, lastWorkedAt: expect.any(String) } });
      expect(queuedJob).toMatchObject({ kind: 'full', status: 'queued', dryRun: false });
      const after = await stored(OWN.integrationId);
      expect(after?.ciphertext).not.toEqual(before?.ciphertext);
      expect(after?.ciphertext).not.toContain(f.sim.credentials.apiKey);
      const { rows } = await f.db.query<{ detail: Record<string, unknown>; actor_label: string }>(
        `select detail, actor_label from sync.audit_events where type = 'integration_changed' order by occurred_at desc limit 1`,
      );
      expect(rows[0]).toMatchObject({
        actor_label: 'Ola Nordmann',
        detail: { changes: ['enabled', 'credentials'], credentials: 'changed', authKind: 'api_key' },
      });
      expect(await auditRows()).not.toContain(f.sim.credentials.apiKey);
      // The queued job syncs with what was just saved.
      expect((await runQueuedJob(f.db, f.resolveSource)).outcome).toBe('succeeded');
      expect(await ok(OLA, 'integrations.get', { integrationId: OWN.integrationId })).toMatchObject({ awaitingInitialSync: false });
      // Another organization's admin cannot change it, with or without credentials.
      expect(await call(KARI, 'integrations.update', { integrationId: OWN.integrationId, enabled: false })).toMatchObject(notFound);
      expect(await call(OLA, 'integrations.update', { integrationId: OTHER.integrationId, enabled: false })).toMatchObject(notFound);
    });

    it('says plainly that Consio sends no webhooks, and refuses a secret for it', async () => {
      const created = await ok(GLOBAL, 'integrations.create', {
        orgId: OTHER.orgId,
        integration: {
          connection: { system: 'consio', baseUrl: consio.url, credentials: { kind: 'client_credentials', ...consio.credentials } },
          scheduleCron: '30 3 * * *',
          deltaIntervalMinutes: 30,
        },
      });
      expect(created.integration).toMatchObject({ system: 'consio', scheduleCron: '30 3 * * *', webhooks: { supported: false, receivingUrl: null } });
      expect(created.queuedJob).toMatchObject({ kind: 'full', status: 'queued' });
      const board = await ok(KARI, 'health.list', {});
      expect(board.find((row) => row.integrationId === created.integration.integrationId)).toMatchObject({
        webhooksSupported: false,
        health: 'initial_sync',
      });
      expect(await call(KARI, 'integrations.rotateWebhookSecret', { integrationId: created.integration.integrationId })).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
      // Only a global admin connects an organization to a registry.
      expect(
        await call(KARI, 'integrations.create', {
          orgId: OTHER.orgId,
          integration: { connection: cornerstoneForm(fresh), scheduleCron: '0 2 * * *', deltaIntervalMinutes: 15 },
        }),
      ).toMatchObject(forbidden);
    });
  });

  describe('integrations.rotateWebhookSecret', () => {
    /** The overlap ends: every older secret's time is up. */
    const endOverlap = () =>
      f.db.query(
        `update sync.webhook_secrets
            set previous_secrets = (select coalesce(jsonb_agg(jsonb_set(e, '{validUntil}', to_jsonb(now() - interval '1 second'))), '[]')
                                      from jsonb_array_elements(previous_secrets) as e)
          where integration_id = $1`,
        [OWN.integrationId],
      );
    const deliver = async (secret: string, eventId: string) => {
      const body = JSON.stringify({ id: eventId, type: 'member.deleted', occurredAt: new Date().toISOString(), memberId: 'CS-9999999' });
      const headers = new Headers({
        'content-type': 'application/json',
        'x-cornerstone-signature': await signCornerstoneWebhook(secret, body, Math.floor(Date.now() / 1000)),
      });
      return handleCornerstoneWebhook({ db: f.db, box: f.box }, { integrationId: OWN.integrationId, headers, rawBody: body });
    };

    it('shows a new secret once, keeps the old one valid for the overlap, then refuses it', async () => {
      const first = await ok(OLA, 'integrations.rotateWebhookSecret', { integrationId: OWN.integrationId, overlapHours: 0 });
      expect(first.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
      expect(first.webhooks).toMatchObject({ secretCreatedAt: expect.any(String), previousSecretValidUntil: null });
      expect((await deliver(first.secret, 'evt-rotate-1')).status).toBe(200);

      const second = await ok(OLA, 'integrations.rotateWebhookSecret', { integrationId: OWN.integrationId, overlapHours: 24 });
      expect(second.secret).not.toBe(first.secret);
      entered.add(first.secret).add(second.secret);
      expect(Date.parse(second.webhooks.previousSecretValidUntil ?? '')).toBeGreaterThan(Date.now() + 23 * 3_600_000);
      expect((await deliver(first.secret, 'evt-rotate-2')).status).toBe(200);
      expect((await deliver(second.secret, 'evt-rotate-3')).status).toBe(200);

      // The overlap ends: the old secret is refused, the new one still works.
      await endOverlap();
      expect((await deliver(first.secret, 'evt-rotate-4')).status).toBe(401);
      expect((await deliver(second.secret, 'evt-rotate-5')).status).toBe(200);
      const settings = await ok(OLA, 'integrations.get', { integrationId: OWN.integrationId });
      expect(settings.webhooks).toMatchObject({
        previousSecretValidUntil: null,
        lastDeliveryAt: expect.any(String),
        signatureFailures: { last24h: 1 },
      });

      // Stored sealed only, never in the trail; other admins cannot rotate it.
      const sealed = JSON.stringify((await f.db.query(`select * from sync.webhook_secrets`)).rows);
      expect(sealed).not.toContain(second.secret.slice(6));
      expect(await auditRows()).not.toContain(second.secret.slice(6));
      expect(await call(KARI, 'integrations.rotateWebhookSecret', { integrationId: OWN.integrationId })).toMatchObject(notFound);
    });

    it('keeps every secret of an overlap when rotated twice within it, and drops them all with no overlap', async () => {
      const a = (await ok(OLA, 'integrations.rotateWebhookSecret', { integrationId: OWN.integrationId, overlapHours: 0 })).secret;
      // B is made and lost before anyone entered it in Cornerstone; C replaces it. Cornerstone still signs with A.
      const b = (await ok(OLA, 'integrations.rotateWebhookSecret', { integrationId: OWN.integrationId, overlapHours: 24 })).secret;
      const c = (await ok(OLA, 'integrations.rotateWebhookSecret', { integrationId: OWN.integrationId, overlapHours: 24 })).secret;
      entered.add(a).add(b).add(c);
      for (const [secret, id] of [
        [a, 'evt-twice-a'],
        [b, 'evt-twice-b'],
        [c, 'evt-twice-c'],
      ] as const) {
        expect((await deliver(secret, id)).status, id).toBe(200);
      }
      // A leaked secret: rotating with no overlap stops every older one at once.
      const d = (await ok(OLA, 'integrations.rotateWebhookSecret', { integrationId: OWN.integrationId, overlapHours: 0 })).secret;
      entered.add(d);
      expect((await deliver(a, 'evt-leak-a')).status).toBe(401);
      expect((await deliver(c, 'evt-leak-c')).status).toBe(401);
      expect((await deliver(d, 'evt-leak-d')).status).toBe(200);
      const { rows } = await f.db.query<{ n: number }>(
        `select jsonb_array_length(previous_secrets) as n from sync.webhook_secrets where integration_id = $1`,
        [OWN.integrationId],
      );
      expect(rows[0]?.n).toBe(0);
    });

    it('accepts the current secret even when an older one was sealed under a key this host no longer has', async () => {
      const current = (await ok(OLA, 'integrations.rotateWebhookSecret', { integrationId: OWN.integrationId, overlapHours: 24 })).secret;
      entered.add(current);
      await f.db.query(
        `update sync.webhook_secrets
            set previous_secrets = (select jsonb_agg(jsonb_set(e, '{keyId}', '"retired-key"')) from jsonb_array_elements(previous_secrets) as e)
          where integration_id = $1`,
        [OWN.integrationId],
      );
      expect((await deliver(current, 'evt-retired-key')).status).toBe(200);
    });
  });

  describe('organizations.onboard and admins.find', () => {
    it('finds existing admin accounts by e-mail, for global admins only', async () => {
      expect(await ok(GLOBAL, 'admins.find', { email: ' NINA@demo.local ' })).toEqual({
        userId: DEMO_IDS.admins.nina,
        email: 'nina@demo.local',
        displayName: 'Nina Berg',
        isGlobal: false,
      });
      expect(await call(GLOBAL, 'admins.find', { email: 'nobody@demo.local' })).toMatchObject(notFound);
      expect(await call(OLA, 'admins.find', { email: 'nina@demo.local' })).toMatchObject(forbidden);
    });

    const onboarding = (slug: string, connection = cornerstoneForm(fresh)) => ({
      name: 'Fjellklubben Nord',
      slug,
      integration: { connection, scheduleCron: '15 1 * * *', deltaIntervalMinutes: 60 },
      adminUserIds: [DEMO_IDS.admins.nina],
    });
    const orgCount = async () => (await f.db.query<{ n: number }>(`select count(*)::int as n from sync.organizations`)).rows[0]?.n;

    it('leaves nothing behind when the credentials fail, the slug is taken or the caller is not a global admin', async () => {
      const before = await orgCount();
      expect(
        await call(GLOBAL, 'organizations.onboard', onboarding('fjellklubben-nord', cornerstoneForm(fresh, { password: 'nope' }))),
      ).toMatchObject({
        ok: false,
        error: { code: 'source_auth_failed' },
      });
      expect(await call(GLOBAL, 'organizations.onboard', onboarding('norsk-friluftslag'))).toMatchObject({
        ok: false,
        error: { code: 'conflict', issues: [{ path: 'slug' }] },
      });
      for (const caller of [OLA, STRANGER])
        expect(await call(caller, 'organizations.onboard', onboarding('fjellklubben-nord'))).toMatchObject(forbidden);
      // An administrator whose account is gone is found only after the organization was inserted: it is rolled back.
      expect(
        await call(GLOBAL, 'organizations.onboard', {
          ...onboarding('fjellklubben-nord'),
          adminUserIds: [DEMO_IDS.admins.nina, '9a9a9a9a-0000-4000-8000-000000000009'],
        }),
      ).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'adminUserIds.1' }] } });
      // A refused password names its field where it is in the onboarding input.
      expect(
        await call(GLOBAL, 'organizations.onboard', onboarding('fjellklubben-nord', cornerstoneForm(fresh, { password: 'nope' }))),
      ).toMatchObject({
        ok: false,
        error: { issues: [{ path: 'integration.connection.credentials' }] },
      });
      expect(await orgCount()).toBe(before);
      expect(await f.db.query(`select 1 from sync.integrations where base_url = $1`, [fresh.url])).toMatchObject({ rows: [] });
    });

    it('creates the organization, its integration, its admins and the initial sync; the board says "initial sync" until it succeeds', async () => {
      const result = await ok(GLOBAL, 'organizations.onboard', onboarding('fjellklubben-nord'));
      expect(result.initialSync).toMatchObject({ kind: 'full', status: 'queued' });
      const nina = { kind: 'user' as const, userId: DEMO_IDS.admins.nina, email: 'nina@demo.local' };
      const card = async () => (await ok(nina, 'health.list', {})).find((row) => row.integrationId === result.integrationId);
      expect(await card()).toMatchObject({ orgName: 'Fjellklubben Nord', health: 'initial_sync', webhooksSupported: true });
      expect(await ok(nina, 'integrations.get', { integrationId: result.integrationId ?? '' })).toMatchObject({
        scheduleCron: '15 1 * * *',
        deltaIntervalMinutes: 60,
      });
      // Ola administers another organization and sees none of it.
      expect((await ok(OLA, 'health.list', {})).some((row) => row.orgId === result.orgId)).toBe(false);

      // Jobs run oldest first: the Consio integration's initial sync, queued earlier, then this one.
      const queued = await f.db.query(`select 1 from sync.sync_jobs where status = 'queued'`);
      for (let i = 0; i < queued.rows.length; i++) expect((await runQueuedJob(f.db, f.resolveSource)).outcome).toBe('succeeded');
      expect(await card()).toMatchObject({ health: 'healthy', memberCount: 240 });
      const members = await f.db.query<{ n: number }>(`select count(*)::int as n from sync.members where org_id = $1`, [result.orgId]);
      expect(members.rows[0]?.n).toBe(240);
      const { rows } = await f.db.query<{ type: string; detail: Record<string, unknown> }>(
        `select type, detail from sync.audit_events where org_id = $1 and type = 'organization_onboarded'`,
        [result.orgId],
      );
      expect(rows).toEqual([
        { type: 'organization_onboarded', detail: expect.objectContaining({ credentials: 'changed', system: 'cornerstone', admins: 1 }) },
      ]);
      expect(await auditRows()).not.toContain(fresh.credentials.password);
    });

    it('onboards an organization with no member system integration', async () => {
      const result = await ok(GLOBAL, 'organizations.onboard', { name: 'Korpset Vest', slug: 'korpset-vest', integration: null, adminUserIds: [] });
      expect(result).toMatchObject({ integrationId: null, initialSync: null });
      expect((await ok(GLOBAL, 'organizations.list', {})).map((org) => org.slug)).toContain('korpset-vest');
    });
  });

  it('keeps no credential and no webhook secret in plaintext in any table', async () => {
    for (const credentials of [f.sim.credentials, fresh.credentials, consio.credentials]) {
      for (const value of Object.values(credentials)) if (value.length >= 8) entered.add(value);
    }
    for (const wrong of ['not-the-password', 'cs_wrong_key_000000', 'cs_wrong_key_111111', 'wrong-secret-000']) entered.add(wrong);
    expect(entered.size).toBeGreaterThan(8);
    const everything = await everyTableAsText(async (sql, params) => (await f.db.query(sql, params ?? [])).rows as never);
    expect(everything).toContain('integration_credentials');
    expect(secretsIn(everything, [...entered])).toEqual([]);
  });
});
