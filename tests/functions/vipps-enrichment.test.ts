// @vitest-environment node
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS, seedDemo } from '../../backend/db/demo-seed.ts';
import { createCredentialBox, generateCredentialKey } from '../../backend/crypto/credential-box.ts';
import { createSourceResolver } from '../../backend/engine/source-resolver.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { startVippsSim, type VippsSim } from '../../sim/vipps/server.ts';
import { vippsLogin } from '../../sim/vipps/member-login.ts';
import { createAppAuthStandIn, type AppAuthStandIn } from '../../sim/app-auth/app-auth-stand-in.ts';
import { demoPeople, type DemoPerson } from '../../electron/main/host/demo-people.ts';
import { syncIntegration, OWN } from '../db/support/handlers-fixture.ts';
import { ADMIN_API_ENV, startFunction, type RunningFunction } from './harness.ts';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.ts';
import { everyTableAsText, secretsIn } from '../support/secret-scan.ts';

const FUNCTION_ENV = [...ADMIN_API_ENV, 'VIPPS_USERINFO_URL', 'ENRICHMENT_HOLD_MS'] as const;
const REDIRECT_URI = 'http://127.0.0.1/members-app/vipps/callback';

const serverUrl = process.env.DATABASE_URL;
if (serverUrl === undefined || serverUrl === '') {
  throw new Error('The functions tests need DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
}

/**
 * The `vipps-enrichment` Edge Function under the real Deno binary, against PostgreSQL, the
 * Cornerstone and Vipps simulators, and a stand-in for the project's Auth that serves its JWKS
 * where Supabase does: the function verifies the app user's token by fetching those keys.
 */
describe('vipps-enrichment Edge Function under Deno', () => {
  const keyBase64 = generateCredentialKey();
  const keyId = 'functions-enrichment-test';
  const client = { clientId: 'members-app', clientSecret: randomBytes(16).toString('hex'), redirectUris: [REDIRECT_URI] };
  let scratch: ScratchDatabase;
  let sim: CornerstoneSim;
  let vipps: VippsSim;
  let auth: AppAuthStandIn;
  let authServer: { url: string; close(): Promise<void> };
  let fn: RunningFunction;
  let endpoint: string;
  let people: DemoPerson[];

  beforeAll(async () => {
    sim = await startCornerstoneSim({ memberCount: 200, seed: 5 });
    scratch = await createScratchDatabase(serverUrl, { prefix: 'msync_fn' });
    const box = await createCredentialBox({ keyId, keyBase64 });
    const { username, password, clientId } = sim.credentials;
    await seedDemo(scratch.db, {
      cornerstoneBaseUrl: sim.url,
      credentialCiphertext: await box.seal({ kind: 'user_password_client', username, password, clientId }),
    });
    await syncIntegration(scratch.db, createSourceResolver(scratch.db, box, { allowLoopbackHttp: true }), OWN);
    people = demoPeople({ cornerstone: sim, consio: null });
    vipps = await startVippsSim({ clients: [client], users: people.flatMap((person) => (person.vipps ? [person.vipps] : [])) });
    await asCaller(scratch.db, { kind: 'service' }, async (tx) => {
      for (const person of people) {
        const sub = person.vipps ? vipps.subFor(person.vipps.phoneNumber) : null;
        if (sub !== null) {
          await tx.query(`insert into sync.app_user_vipps_accounts (app_user_id, vipps_sub) values ($1, $2)`, [person.appUserId, sub]);
        }
        await tx.query(
          `insert into sync.app_user_members (app_user_id, member_id, org_id)
           select $1, l.member_id, l.org_id from sync.member_links l where l.integration_id = $2 and l.external_id = $3`,
          [person.appUserId, OWN.integrationId, person.records[0]?.externalId],
        );
      }
      await tx.query(
        `insert into sync.enrichment_settings (org_id, enabled, legal_basis, enabled_by, enabled_at, activated_at, baseline_missing, baseline_under_15)
         values ($1, true, 'Reporting to the municipality by personnummer, required for the grant.', $2, now(), now(), 0, 0)`,
        [OWN.orgId, DEMO_IDS.admins.ola],
      );
    });
    auth = await createAppAuthStandIn();
    authServer = await auth.serve();
    fn = await startFunction({
      name: 'vipps-enrichment',
      env: {
        SUPABASE_DB_URL: scratch.url,
        SUPABASE_URL: authServer.url,
        CREDENTIAL_KEY: keyBase64,
        CREDENTIAL_KEY_ID: keyId,
        VIPPS_USERINFO_URL: vipps.userinfoUrl,
        ALLOW_LOOPBACK_HTTP: '1',
      },
      allowEnv: FUNCTION_ENV,
    });
    endpoint = new URL('functions/v1/vipps-enrichment', fn.url).toString();
  }, 120_000);
  afterAll(async () => {
    await fn?.stop();
    await authServer?.close();
    await vipps?.close();
    await sim?.close();
    await scratch?.drop();
  });

  const candidate = (skip: number) => {
    const found = people.filter(
      (person) => person.vipps !== null && !person.registryHasNumber && person.vipps.birthDate === sim.member(indexOf(person)).birthDate,
    )[skip];
    if (!found?.vipps) throw new Error('no candidate');
    return found;
  };
  const indexOf = (person: DemoPerson) => Number(person.records[0]?.externalId.slice(3)) - 1;
  const post = (token: string | null, body: unknown, init: RequestInit = {}) =>
    fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      ...init,
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as unknown }));
  const loginWithVipps = async (person: DemoPerson) =>
    (await vippsLogin({ issuer: vipps.issuer, ...client, redirectUri: REDIRECT_URI, phoneNumber: person.vipps?.phoneNumber ?? '' })).accessToken;

  it('writes the number of a member who logged in with Vipps to the registry, verified against the project keys it fetches', async () => {
    const person = candidate(0);
    const vippsAccessToken = await loginWithVipps(person);
    const appToken = await auth.issue(person.appUserId);
    expect(await post(appToken, { vippsAccessToken })).toMatchObject({ status: 200, body: { ok: true, records: 1, written: 1 } });
    expect(sim.member(indexOf(person)).nationalIdentityNumber).toBe(person.vipps?.nin);
    // A second login writes nothing.
    expect(await post(appToken, { vippsAccessToken })).toMatchObject({ status: 200, body: { written: 0, skipped: 1 } });
  });

  it('refuses a caller without a valid app token before anything else, and a forged Vipps token after', async () => {
    const person = candidate(1);
    const writes = sim.stats.nationalIdentityNumberWrites;
    const vippsAccessToken = await loginWithVipps(person);
    const unauthorized = { status: 401, body: { ok: false, error: 'unauthorized' } };
    expect(await post(null, { vippsAccessToken })).toEqual(unauthorized);
    const stranger = await createAppAuthStandIn({ projectUrl: authServer.url });
    expect(await post(await stranger.issue(person.appUserId), { vippsAccessToken })).toEqual(unauthorized);
    expect(await post(await auth.issue(person.appUserId, { audience: 'anon' }), { vippsAccessToken })).toEqual(unauthorized);

    const appToken = await auth.issue(person.appUserId);
    expect(await post(appToken, { vippsAccessToken: 'forged-vipps-access-token-0000' })).toEqual({
      status: 403,
      body: { ok: false, error: 'vipps_token_rejected' },
    });
    expect(await post(appToken, { vippsAccessToken }, { method: 'PUT' })).toMatchObject({ status: 405 });
    expect(await post(appToken, { vippsAccessToken: 'x'.repeat(10_000) })).toEqual({ status: 413, body: { ok: false, error: 'payload_too_large' } });
    expect(sim.stats.nationalIdentityNumberWrites).toBe(writes);
    expect(sim.member(indexOf(person)).nationalIdentityNumber).toBeNull();
  });

  it('logs no number, also when the registry refuses or fails', async () => {
    for (const [skip, status] of [
      [2, 422],
      [3, 500],
    ] as const) {
      const person = candidate(skip);
      sim.failNext(1, status);
      const answer = await post(await auth.issue(person.appUserId), { vippsAccessToken: await loginWithVipps(person) });
      expect(answer).toMatchObject({ status: 200, body: status === 422 ? { failed: 1 } : { retrying: 1 } });
    }
    const numbers = people.flatMap((person) => (person.vipps ? [person.vipps.nin] : []));
    // The refusal and the failure were each logged as an attempt, with the registry's reason.
    const { rows } = await scratch.db.query<{ error_code: string }>(
      `select error_code from sync.enrichment_attempts where not succeeded order by id`,
    );
    expect(rows.map((row) => row.error_code)).toEqual(['source_rejected_write', 'source_server_error']);
    expect(
      secretsIn(`${fn.stderr()}\n${await everyTableAsText(async (sql, params) => (await scratch.db.query(sql, params)).rows as never)}`, numbers),
    ).toEqual([]);
  });
});
