// @vitest-environment node
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../backend/db/pglite.node.ts';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { INVOKE_CHANNEL } from '../../shared/contract/bridge.ts';
import { startBuiltMain, type BuiltMain } from '../support/built-main.ts';
import { bareImports, packagedFiles, repoRoot, stagePackagedApp } from '../support/packaged-layout.ts';

/**
 * The built main process (out/main/index.js), started the way a user's first `npm start` or an
 * installed app would start it, except that Electron itself is the stand-in in
 * tests/support/electron-stand-in/ (its binary cannot run here). It runs from a copy of exactly
 * what electron-builder.yml packages, so a path the main process reads that the package would
 * not hold fails here. The stand-in reports what the main process asked of Electron; the test
 * calls the IPC handler as the renderer would, and quits.
 */

const bundle = path.join(repoRoot, 'out/main/index.js');

describe('the built main process, under the Electron stand-in', () => {
  let work: string;
  let appDir: string;
  let userData: string;
  let main: BuiltMain;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'msc-main-'));
    appDir = path.join(work, 'app');
    userData = path.join(work, 'user-data');
    stagePackagedApp(appDir);
    // Enough members that a sync is still running when the test quits.
    main = startBuiltMain({ appDir, userData, env: { MSC_DEMO_MEMBERS: '40000' } });
  }, 60_000);
  afterAll(() => {
    if (main.child.exitCode === null) main.child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('imports only what the package holds: its runtime dependencies and Electron', () => {
    const { dependencies } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = bareImports(readFileSync(bundle, 'utf8'));
    expect(imported).toContain('electron');
    expect(imported.filter((name) => name !== 'electron' && !(name in dependencies))).toEqual([]);
  });

  it('is packaged with the migrations, the platform shim, the preload and the renderer it reads', () => {
    const files = packagedFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        'out/main/index.js',
        'out/preload/index.cjs',
        'out/renderer/index.html',
        'package.json',
        'supabase/platform-shim/00_supabase_platform.sql',
      ]),
    );
    // Every migration: the embedded host applies the whole folder at start.
    const migrations = readdirSync(path.join(repoRoot, 'supabase/migrations')).map((name) => `supabase/migrations/${name}`);
    expect(migrations.length).toBeGreaterThan(10);
    expect(migrations.filter((file) => !files.includes(file))).toEqual([]);
  });

  it('registers IPC, opens its window with production webPreferences, and starts the demo once it is chosen', async () => {
    const window = await main.waitFor((report) => report.type === 'window', 'window');
    expect(window['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    const preload = String((window['webPreferences'] as Record<string, unknown>)['preload']);
    expect(preload).toBe(path.join(appDir, 'out/preload/index.cjs'));
    expect(window['preloadExists']).toBe(true);
    // The window is made only once IPC is registered.
    expect(main.reports.findIndex((report) => report.type === 'ipc-handle' && report['channel'] === INVOKE_CHANNEL)).toBeGreaterThanOrEqual(0);
    expect(main.reports.findIndex((report) => report.type === 'ipc-handle')).toBeLessThan(main.reports.indexOf(window));

    const load = await main.waitFor((report) => report.type === 'load', 'renderer load');
    expect(load).toMatchObject({ file: path.join(appDir, 'out/renderer/index.html'), exists: true });
    await main.waitFor((report) => report.type === 'show', 'window shown');

    // A first start: nothing chosen yet, so nothing answers but the console itself. The demo is chosen.
    expect(await main.call('session.get', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await main.call('console.status', {})).toMatchObject({ ok: true, value: { connection: 'none', managed: false, project: null } });
    expect(await main.call('console.connect', { kind: 'demo' })).toMatchObject({ ok: true, value: { connection: 'demo' } });
    expect(await main.call('session.get', {})).toMatchObject({ ok: true, value: { mode: 'embedded-demo', admin: { isGlobal: true } } });
    expect(await main.call('health.list', {})).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ system: 'cornerstone' })]),
    });
  }, 120_000);

  it('answers a page that is not its renderer, navigation away and every permission with no', async () => {
    const untrusted = await main.command({ type: 'invoke', channel: INVOKE_CHANNEL, args: ['session.get', {}], senderUrl: 'https://evil.example/' });
    expect(untrusted['result']).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await main.command({ type: 'navigate', url: 'https://evil.example/' })).toMatchObject({ prevented: true });
    expect(await main.command({ type: 'open-window', url: 'https://evil.example/' })).toMatchObject({ action: 'deny' });
    expect(await main.command({ type: 'permission', permission: 'media' })).toMatchObject({ granted: false, checked: false });
    const headers = await main.command({ type: 'headers' });
    expect((headers['responseHeaders'] as Record<string, string[]>)['Content-Security-Policy']?.[0]).toMatch(/default-src 'none'/);
  });

  it('on quit, hands the running sync back to the queue at its checkpoint and exits by itself', async () => {
    const started = await main.call('sync.start', { integrationId: DEMO_IDS.integrations.friluftslagCornerstone });
    expect(started).toMatchObject({ ok: true });
    const jobId = (started.value as { job: { id: string } }).job.id;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = await main.call('sync.job', { jobId });
      const view = job.value as { status: string; processed: number };
      if (view.status === 'running' && view.processed > 0) break;
      if (view.status !== 'queued' && view.status !== 'running') throw new Error(`The sync ended before the quit: ${view.status}`);
      if (Date.now() > deadline) throw new Error('The sync did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await main.command({ type: 'quit' });
    const exit = await Promise.race([
      main.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Still running 30 s after quit:\n${main.output.join('')}`)), 30_000)),
    ]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(main.output.join('')).not.toMatch(/Start-up failed|Unhandled|Error:/);

    const db = await openPglite({ dataDir: path.join(userData, 'embedded-db') });
    try {
      const { rows } = await db.query<{ status: string; claimed_by: string | null; processed: number; cursor: string | null }>(
        `select status, claimed_by, processed, cursor from sync.sync_jobs where id = $1`,
        [jobId],
      );
      expect(rows[0]).toMatchObject({ status: 'queued', claimed_by: null });
      expect(rows[0]?.processed).toBeGreaterThan(0);
      expect(rows[0]?.cursor).not.toBeNull();
    } finally {
      await db.close();
    }
  }, 120_000);
});
