// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import type { SupabaseStandIn } from '../support/supabase-auth-stand-in.ts';
import { startAdminApiProject, type AdminApiProject } from './admin-api-project.ts';
import { stagePackagedApp } from '../support/packaged-layout.ts';
import { startBuiltMain, type BuiltMain } from '../support/built-main.ts';
import { OWN } from '../db/support/handlers-fixture.ts';

const serverUrl = process.env.DATABASE_URL;
if (serverUrl === undefined || serverUrl === '') {
  throw new Error('The functions tests need DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
}

const OLA = { id: DEMO_IDS.admins.ola, email: 'ola@demo.local', password: 'a long password for ola' };

/**
 * The built main process in the remote mode, under the Electron stand-in (its binary cannot run
 * here): a managed install's project file names the project; it signs in through supabase-js,
 * forwards bridge calls to the real `admin-api` under Deno, falls back to the offline summary
 * when the project cannot be reached, and, after a restart, is still signed in.
 */
describe('the built main process, in the remote mode', () => {
  let running: AdminApiProject;
  let project: SupabaseStandIn;
  let work: string;
  let appDir: string;
  let userData: string;
  let projectFile: string;
  const started: BuiltMain[] = [];

  beforeAll(async () => {
    running = await startAdminApiProject({ prefix: 'msync_main_remote', serverUrl });
    ({ project } = running);
    project.addUser(OLA);
    work = mkdtempSync(path.join(tmpdir(), 'msc-main-remote-'));
    appDir = path.join(work, 'app');
    userData = path.join(work, 'user-data');
    projectFile = path.join(work, 'console-project.json');
    stagePackagedApp(appDir);
    writeFileSync(projectFile, JSON.stringify({ supabaseUrl: project.url, supabaseAnonKey: project.anonKey }));
  }, 120_000);
  afterAll(async () => {
    for (const main of started) if (main.child.exitCode === null) main.child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
    await running?.close();
  });

  const boot = async () => {
    const main = startBuiltMain({ appDir, userData, env: { MSC_PROJECT_FILE: projectFile } });
    started.push(main);
    await main.waitFor((report) => report.type === 'show', 'window shown');
    return main;
  };
  const quit = async (main: BuiltMain) => {
    await main.command({ type: 'quit' });
    expect(await main.exited).toEqual({ code: 0, signal: null });
  };

  it('signs in, forwards calls to admin-api, and reviews offline when the project cannot be reached', async () => {
    const main = await boot();
    expect(await main.call('console.status', {})).toMatchObject({
      ok: true,
      value: { connection: 'supabase', managed: true, project: { url: project.url, signedInAs: null, sessionPersisted: true } },
    });
    // A managed install cannot be pointed elsewhere, and nothing is served before sign-in.
    expect(await main.call('console.disconnect', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await main.call('organizations.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });

    expect(await main.call('console.signIn', { email: OLA.email, password: OLA.password })).toMatchObject({
      ok: true,
      value: { project: { signedInAs: OLA.email } },
    });
    const orgs = await main.call('organizations.list', {});
    expect((orgs.value as Array<{ id: string }>).map((org) => org.id)).toEqual([OWN.orgId]);
    expect(await main.call('health.list', {})).toMatchObject({ ok: true, value: [{ integrationId: OWN.integrationId }] });
    expect(await main.call('session.actAs', { userId: DEMO_IDS.admins.global })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    project.setDown(true);
    try {
      expect(await main.call('health.list', {})).toMatchObject({ ok: true, value: [{ integrationId: OWN.integrationId, activeJob: null }] });
      const status = await main.call('console.status', {});
      expect((status.value as { project: { offlineAsOf: string | null } }).project.offlineAsOf).toMatch(/^\d{4}-/);
    } finally {
      project.setDown(false);
    }
    // The settings file holds the session only as the keychain's ciphertext, and no personal data.
    const settings = readFileSync(path.join(userData, 'console-settings.json'), 'utf8');
    expect(settings).toContain('authSession');
    expect(settings).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(settings).not.toContain(OLA.email);
    await quit(main);
  }, 120_000);

  it('is still signed in after a restart, since the keychain is strong, and signs out for good', async () => {
    const main = await boot();
    expect(await main.call('console.status', {})).toMatchObject({ ok: true, value: { project: { signedInAs: OLA.email } } });
    expect(await main.call('organizations.list', {})).toMatchObject({ ok: true });
    expect(await main.call('console.signOut', {})).toMatchObject({ ok: true, value: { project: { signedInAs: null } } });
    expect(readFileSync(path.join(userData, 'console-settings.json'), 'utf8')).not.toContain('authSession');
    await quit(main);
    expect(main.output.join('')).not.toMatch(/Start-up failed|Unhandled/);
  }, 120_000);
});
