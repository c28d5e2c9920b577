// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { createAppAuthStandIn } from '../../sim/app-auth/app-auth-stand-in.ts';
import type { RunningFunction } from './harness.ts';
import type { ScratchDatabase } from '../support/scratch-database.ts';
import type { SupabaseStandIn } from '../support/supabase-auth-stand-in.ts';
import { OTHER, OWN } from '../db/support/handlers-fixture.ts';
import { startAdminApiProject, type AdminApiProject } from './admin-api-project.ts';

const serverUrl = process.env.DATABASE_URL;
if (serverUrl === undefined || serverUrl === '') {
  throw new Error('The functions tests need DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
}

const OLA = { id: DEMO_IDS.admins.ola, email: 'ola@demo.local' };
const GLOBAL = { id: DEMO_IDS.admins.global, email: 'global@demo.local' };

/**
 * The `admin-api` Edge Function under the real Deno binary, against PostgreSQL, verifying the
 * admins' tokens against the JWKS it fetches from a stand-in for the project's Auth.
 */
describe('admin-api Edge Function under Deno', () => {
  let running: AdminApiProject;
  let scratch: ScratchDatabase;
  let project: SupabaseStandIn;
  let fn: RunningFunction;

  beforeAll(async () => {
    running = await startAdminApiProject({ prefix: 'msync_admin_api', serverUrl });
    ({ scratch, project, fn } = running);
  }, 120_000);
  afterAll(() => running?.close());

  const tokenFor = (user: { id: string; email: string }, options: Parameters<SupabaseStandIn['signer']['issue']>[1] = {}) =>
    project.signer.issue(user.id, { email: user.email, ...options });
  const post = async (token: string | null, body: unknown, init: RequestInit = {}) => {
    const response = await fetch(fn.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } } };
  };
  const call = async (user: { id: string; email: string }, operation: string, input: unknown = {}) =>
    post(await tokenFor(user), { operation, input });

  it('runs the same handlers as the signed-in admin: the session, and what row-level security lets them see', async () => {
    expect(await call(OLA, 'session.get')).toEqual({
      status: 200,
      body: {
        ok: true,
        value: {
          mode: 'remote',
          admin: { userId: OLA.id, email: OLA.email, displayName: expect.any(String), isGlobal: false, orgIds: [OWN.orgId] },
          demoIdentities: [],
        },
      },
    });
    const own = await call(OLA, 'organizations.list');
    expect((own.body.value as Array<{ id: string }>).map((org) => org.id)).toEqual([OWN.orgId]);
    const all = await call(GLOBAL, 'organizations.list');
    expect((all.body.value as unknown[]).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses an org admin reaching another organization, as the embedded host does', async () => {
    const answer = await call(OLA, 'sync.start', { integrationId: OTHER.integrationId, kind: 'full' });
    expect(answer).toMatchObject({ status: 200, body: { ok: false, error: { code: 'not_found' } } });
    const { rows } = await scratch.db.query(`select 1 from sync.sync_jobs where integration_id = $1`, [OTHER.integrationId]);
    expect(rows).toEqual([]);
    const queued = await call(OLA, 'sync.start', { integrationId: OWN.integrationId, kind: 'full' });
    expect(queued).toMatchObject({ status: 200, body: { ok: true, value: { job: { status: 'queued' } } } });
  });

  it('has no "acting as" and no practice registries: those are the demo\'s', async () => {
    expect(await call(GLOBAL, 'session.actAs', { userId: OLA.id })).toMatchObject({ body: { ok: false, error: { code: 'forbidden' } } });
    expect(await call(GLOBAL, 'demo.registries')).toEqual({ status: 200, body: { ok: true, value: [] } });
  });

  it('refuses every token that is not a valid admin token with a typed 401, before reading the body', async () => {
    const stranger = await createAppAuthStandIn({ projectUrl: project.url });
    const now = Math.floor(Date.now() / 1000);
    const tokens = {
      none: null,
      expired: await tokenFor(OLA, { ttlSeconds: -60 }),
      forged: await stranger.issue(OLA.id, { email: OLA.email }),
      wrongAudience: await tokenFor(OLA, { audience: 'anon' }),
      wrongIssuer: await tokenFor(OLA, { issuer: 'https://someone-else.supabase.co/auth/v1' }),
      unsigned: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: OLA.id, role: 'authenticated', aud: 'authenticated', exp: now + 60 })).toString('base64url')}.`,
    };
    for (const [name, token] of Object.entries(tokens)) {
      // A body over the cap as well: the token is checked first, so the answer is 401, not 413.
      const answer = await post(token, { operation: 'organizations.list', input: {}, padding: 'x'.repeat(200_000) });
      expect({ name, ...answer }).toEqual({
        name,
        status: 401,
        body: { ok: false, error: { code: 'not_signed_in', message: 'Your sign-in has ended. Sign in again.', actor: 'org_admin' } },
      });
    }
  });

  it("checks the request before any handler runs, and answers with the bridge's typed errors", async () => {
    const token = await tokenFor(OLA);
    expect((await post(token, { operation: 'organizations.list', input: {} }, { method: 'PUT' })).status).toBe(405);
    expect(
      (await post(token, 'operation=organizations.list', { headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` } })).status,
    ).toBe(415);
    expect((await post(token, '{"operation":')).status).toBe(400);
    expect((await post(token, { operation: 'organizations.list', input: {}, extra: 1 })).status).toBe(400);
    const huge = await post(token, { operation: 'rules.update', input: { padding: 'x'.repeat(200_000) } });
    expect(huge).toMatchObject({ status: 413, body: { ok: false, error: { code: 'invalid_input' } } });
    expect(await post(token, { operation: 'no.such', input: {} })).toMatchObject({ status: 200, body: { ok: false, error: { code: 'not_found' } } });
    const invalid = await post(token, { operation: 'sync.start', input: { integrationId: 'not-a-uuid', kind: 'full' } });
    expect(invalid).toMatchObject({ status: 200, body: { ok: false, error: { code: 'invalid_input', issues: [{ path: 'integrationId' }] } } });
    // No stack or SQL ever comes back, and the function logged no failure of its own.
    expect(JSON.stringify(invalid.body)).not.toMatch(/at .*\.ts|select |insert /i);
    expect(fn.stderr()).not.toMatch(/failed/);
  });
});
