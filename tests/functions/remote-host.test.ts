// @vitest-environment node
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { createRemoteHost, type RemoteHost } from '../../electron/main/remote/remote-host.ts';
import { createSealedSessionStorage } from '../../electron/main/remote/sealed-session-storage.ts';
import { readSetting, type KeyValueStore } from '../../electron/main/platform/settings-store.ts';
import type { RunningFunction } from './harness.ts';
import type { ScratchDatabase } from '../support/scratch-database.ts';
import type { SupabaseStandIn } from '../support/supabase-auth-stand-in.ts';
import { startAdminApiProject, type AdminApiProject } from './admin-api-project.ts';
import { confStore, fakeVault, removeConfStores } from '../support/settings-doubles.ts';
import { OTHER, OWN } from '../db/support/handlers-fixture.ts';

const serverUrl = process.env.DATABASE_URL;
if (serverUrl === undefined || serverUrl === '') {
  throw new Error('The functions tests need DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
}

const OLA = { id: DEMO_IDS.admins.ola, email: 'ola@demo.local', password: 'correct horse battery staple' };

/**
 * The console's remote host as the main process runs it: supabase-js signs in against a stand-in
 * for the project's Auth, the session is kept as keychain ciphertext, and every bridge call goes
 * through `functions.invoke` to the real `admin-api` under Deno, against PostgreSQL.
 */
describe('the remote host: sign-in in the main process, calls through admin-api', () => {
  let running: AdminApiProject;
  let scratch: ScratchDatabase;
  let project: SupabaseStandIn;
  let fn: RunningFunction;

  beforeAll(async () => {
    running = await startAdminApiProject({ prefix: 'msync_remote', serverUrl });
    ({ scratch, project, fn } = running);
    project.addUser(OLA);
  }, 120_000);
  afterEach(removeConfStores);
  afterAll(() => running?.close());

  const host = (store: KeyValueStore, vault = fakeVault(), url = project.url): RemoteHost =>
    createRemoteHost({
      project: { url, anonKey: project.anonKey },
      storage: createSealedSessionStorage(vault, store, url),
      store,
      realtimeTransport: WebSocket,
      callTimeoutMs: 3_000,
    });

  it('signs in with a password, forwards calls as that admin, and keeps the session only as ciphertext', async () => {
    const { store, file } = confStore();
    const console1 = host(store);
    expect(await console1.dispatch('organizations.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await console1.signInWithPassword(OLA.email, 'wrong password')).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in', message: 'The e-mail address or password is wrong.' },
    });
    expect(await console1.signInWithPassword(OLA.email, OLA.password)).toEqual({ ok: true, value: null });
    const orgs = await console1.dispatch('organizations.list', {});
    expect(orgs.ok && (orgs.value as Array<{ id: string }>).map((org) => org.id)).toEqual([OWN.orgId]);
    // Another organization's integration is refused by row-level security, as in the embedded host.
    expect(await console1.dispatch('sync.start', { integrationId: OTHER.integrationId, kind: 'full' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await console1.status()).toEqual({
      projectUrl: project.url,
      signedInAs: OLA.email,
      sessionPersisted: true,
      offline: false,
      offlineAsOf: null,
    });

    const onDisk = readFileSync(file, 'utf8');
    expect(readSetting(store, 'authSession')).toEqual({ projectUrl: project.url, values: { 'console-auth': expect.any(String) } });
    expect(onDisk).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // no JWT
    expect(onDisk).not.toContain(OLA.email);

    // A restart: a new client over the same store is still signed in.
    const console2 = host(store);
    expect(await console2.dispatch('session.get', {})).toMatchObject({
      ok: true,
      value: { mode: 'remote', admin: { email: OLA.email }, demoIdentities: [] },
    });

    // Sign-out clears everything: the session on disk, and the next call is refused.
    await console2.signOut();
    expect(store.get('authSession')).toBeUndefined();
    expect(await host(store).dispatch('organizations.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('never gives one project the session of another', async () => {
    const { store } = confStore();
    await host(store).signInWithPassword(OLA.email, OLA.password);
    // The same server under another address stands for another project.
    const other = host(store, fakeVault(), project.url.replace('127.0.0.1', 'localhost'));
    expect(await other.status()).toMatchObject({ signedInAs: null });
    expect(await other.dispatch('organizations.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('names a wrong anon key, and an address where no project answers, before anyone signs in', async () => {
    const { store } = confStore();
    expect(await host(store).probe()).toEqual({ ok: true, value: null });
    const wrongKey = createRemoteHost({
      project: { url: project.url, anonKey: 'anon-not-this-projects-key-000' },
      storage: createSealedSessionStorage(fakeVault(), store, project.url),
      store,
      realtimeTransport: WebSocket,
    });
    expect(await wrongKey.probe()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await wrongKey.signInWithPassword(OLA.email, OLA.password)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await host(store, fakeVault(), 'http://127.0.0.1:9').probe()).toMatchObject({ ok: false, error: { code: 'backend_unreachable' } });
  });

  it('keeps the session for this run only where the keychain is weak', async () => {
    const { store, file } = confStore();
    const weak = fakeVault({ available: false, reason: 'weak_backend' });
    const console1 = host(store, weak);
    expect(await console1.signInWithPassword(OLA.email, OLA.password)).toEqual({ ok: true, value: null });
    expect(await console1.status()).toMatchObject({ signedInAs: OLA.email, sessionPersisted: false });
    expect((await console1.dispatch('health.list', {})).ok).toBe(true);
    expect(store.get('authSession')).toBeUndefined();
    expect(readFileSync(file, 'utf8')).not.toMatch(/eyJ/);
    expect(await host(store, weak).dispatch('health.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('signs in with an e-mailed one-time code, and never creates an account for an unknown address', async () => {
    const { store } = confStore();
    const console1 = host(store);
    expect(await console1.sendCode('nobody@example.no')).toEqual({ ok: true, value: null });
    expect(project.lastCodeFor('nobody@example.no')).toBeUndefined();
    expect(await console1.sendCode(OLA.email)).toEqual({ ok: true, value: null });
    const code = project.lastCodeFor(OLA.email) ?? '';
    expect(await console1.verifyCode(OLA.email, code === '000000' ? '111111' : '000000')).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    expect(await console1.verifyCode(OLA.email, code)).toEqual({ ok: true, value: null });
    expect(await console1.status()).toMatchObject({ signedInAs: OLA.email });
  });

  it('stays signed in and reviews offline when the token expired while the project is down', async () => {
    const { store } = confStore();
    project.setAccessTokenTtl(1);
    try {
      const console1 = host(store);
      await console1.signInWithPassword(OLA.email, OLA.password);
      expect((await console1.dispatch('health.list', {})).ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      project.setDown(true);
      expect(await console1.dispatch('health.list', {})).toMatchObject({ ok: true, value: [{ integrationId: OWN.integrationId }] });
      expect(await console1.status()).toMatchObject({ signedInAs: OLA.email, offline: true });
    } finally {
      project.setDown(false);
      project.setAccessTokenTtl(3600);
    }
  });

  it('refreshes an expired access token by itself', async () => {
    const { store } = confStore();
    project.setAccessTokenTtl(1);
    try {
      const console1 = host(store);
      await console1.signInWithPassword(OLA.email, OLA.password);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const refreshed = project.counts.refreshed;
      expect((await console1.dispatch('organizations.list', {})).ok).toBe(true);
      expect(project.counts.refreshed).toBeGreaterThan(refreshed);
    } finally {
      project.setAccessTokenTtl(3600);
    }
  });

  it('opens read-only on the saved summary when the backend cannot be reached, and reconnects by itself', async () => {
    const { store, file } = confStore();
    const online = host(store);
    await online.signInWithPassword(OLA.email, OLA.password);
    const board = await online.dispatch('health.list', {});
    expect(board.ok).toBe(true);
    const saved = readSetting(store, 'offlineReview');
    expect(saved?.integrations.map((integration) => integration.integrationId)).toEqual([OWN.integrationId]);

    // The network goes (nothing answers), and then the function alone (the gateway answers 502).
    for (const [outage, restore] of [
      [() => project.setDown(true), () => project.setDown(false)],
      [() => project.routeFunction('admin-api', 'http://127.0.0.1:9/'), () => project.routeFunction('admin-api', fn.url)],
    ] as const) {
      outage();
      try {
        const offline = await online.dispatch('health.list', {});
        expect(offline).toMatchObject({ ok: true, value: [{ integrationId: OWN.integrationId, activeJob: null }] });
        expect(await online.status()).toMatchObject({ offlineAsOf: saved?.savedAt });
        expect(await online.dispatch('session.get', {})).toMatchObject({ ok: true, value: { admin: { email: OLA.email, orgIds: [OWN.orgId] } } });
        expect(await online.dispatch('sync.start', { integrationId: OWN.integrationId, kind: 'full' })).toMatchObject({
          ok: false,
          error: { code: 'backend_unreachable' },
        });
      } finally {
        restore();
      }
    }
    expect((await online.dispatch('health.list', {})).ok).toBe(true);
    expect(await online.status()).toMatchObject({ offlineAsOf: null });

    // What was kept names no person: no member, no admin, no registry text.
    const names = await scratch.db.query<{ text: string }>(
      `select coalesce(first_name, '') || ' ' || coalesce(last_name, '') as text from sync.members where org_id = $1 limit 20`,
      [OWN.orgId],
    );
    const onDisk = readFileSync(file, 'utf8');
    for (const { text } of names.rows) expect(onDisk).not.toContain(text.trim());
    expect(onDisk).not.toContain(OLA.email);
  });
});
