// @vitest-environment node
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../backend/db/pglite.node.ts';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { INVOKE_CHANNEL } from '../../shared/contract/bridge.ts';
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
const register = pathToFileURL(path.join(repoRoot, 'tests/support/electron-stand-in/register.mjs')).href;

interface Report {
  type: string;
  [key: string]: unknown;
}

describe('the built main process, under the Electron stand-in', () => {
  let work: string;
  let appDir: string;
  let userData: string;
  let child: ChildProcess;
  const reports: Report[] = [];
  const output: string[] = [];
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let nextId = 0;

  const waitFor = async (predicate: (report: Report) => boolean, what: string, ms = 60_000): Promise<Report> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = reports.find(predicate);
      if (found) return found;
      if (child.exitCode !== null) throw new Error(`The main process exited (${child.exitCode}) before any ${what}. It wrote:\n${output.join('')}`);
      if (Date.now() > deadline) throw new Error(`No ${what} within ${ms} ms. The main process wrote:\n${output.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const command = async (message: Record<string, unknown>): Promise<Report> => {
    const id = ++nextId;
    child.send({ ...message, id });
    const answer = await waitFor((report) => report.type === 'answer' && report['id'] === id, `answer to ${String(message['type'])}`);
    if (answer['error']) throw new Error(String(answer['error']));
    return answer;
  };
  const call = async (operation: string, input: unknown) =>
    (await command({ type: 'invoke', channel: INVOKE_CHANNEL, args: [operation, input] }))['result'] as {
      ok: boolean;
      value?: unknown;
      error?: unknown;
    };

  beforeAll(async () => {
    if (!existsSync(bundle)) throw new Error('out/main/index.js is missing: run `npm run build` first (npm test does).');
    work = mkdtempSync(path.join(tmpdir(), 'msc-main-'));
    appDir = path.join(work, 'app');
    userData = path.join(work, 'user-data');
    stagePackagedApp(appDir);
    child = fork(path.join(appDir, 'out/main/index.js'), [], {
      execArgv: ['--import', register],
      env: {
        ...process.env,
        STAND_IN_APP_PATH: appDir,
        STAND_IN_USER_DATA: userData,
        STAND_IN_PACKAGED: '1',
        // Enough members that a sync is still running when the test quits.
        MSC_DEMO_MEMBERS: '40000',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('message', (message: Report) => reports.push(message));
    exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  }, 60_000);
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
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

  it('starts the embedded host, registers IPC, and opens its window with production webPreferences', async () => {
    const window = await waitFor((report) => report.type === 'window', 'window');
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
    // The window is made only once the host is up and IPC is registered.
    expect(reports.findIndex((report) => report.type === 'ipc-handle' && report['channel'] === INVOKE_CHANNEL)).toBeGreaterThanOrEqual(0);
    expect(reports.findIndex((report) => report.type === 'ipc-handle')).toBeLessThan(reports.indexOf(window));

    const load = await waitFor((report) => report.type === 'load', 'renderer load');
    expect(load).toMatchObject({ file: path.join(appDir, 'out/renderer/index.html'), exists: true });
    await waitFor((report) => report.type === 'show', 'window shown');

    expect(await call('session.get', {})).toMatchObject({ ok: true, value: { mode: 'embedded-demo', admin: { isGlobal: true } } });
    expect(await call('health.list', {})).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ system: 'cornerstone' })]),
    });
  }, 120_000);

  it('answers a page that is not its renderer, navigation away and every permission with no', async () => {
    const untrusted = await command({ type: 'invoke', channel: INVOKE_CHANNEL, args: ['session.get', {}], senderUrl: 'https://evil.example/' });
    expect(untrusted['result']).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await command({ type: 'navigate', url: 'https://evil.example/' })).toMatchObject({ prevented: true });
    expect(await command({ type: 'open-window', url: 'https://evil.example/' })).toMatchObject({ action: 'deny' });
    expect(await command({ type: 'permission', permission: 'media' })).toMatchObject({ granted: false, checked: false });
    const headers = await command({ type: 'headers' });
    expect((headers['responseHeaders'] as Record<string, string[]>)['Content-Security-Policy']?.[0]).toMatch(/default-src 'none'/);
  });

  it('on quit, hands the running sync back to the queue at its checkpoint and exits by itself', async () => {
    const started = await call('sync.start', { integrationId: DEMO_IDS.integrations.friluftslagCornerstone });
    expect(started).toMatchObject({ ok: true });
    const jobId = (started.value as { job: { id: string } }).job.id;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = await call('sync.job', { jobId });
      const view = job.value as { status: string; processed: number };
      if (view.status === 'running' && view.processed > 0) break;
      if (view.status !== 'queued' && view.status !== 'running') throw new Error(`The sync ended before the quit: ${view.status}`);
      if (Date.now() > deadline) throw new Error('The sync did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await command({ type: 'quit' });
    const exit = await Promise.race([
      exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`Still running 30 s after quit:\n${output.join('')}`)), 30_000)),
    ]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(output.join('')).not.toMatch(/Start-up failed|Unhandled|Error:/);

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
