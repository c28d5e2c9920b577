import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleShell, type ConsoleShellOptions } from '../../electron/main/console-shell.ts';
import { readManagedConfig } from '../../electron/main/remote/managed-config.ts';
import { readSetting } from '../../electron/main/platform/settings-store.ts';
import { AnonKey } from '../../shared/contract/connection.ts';
import { confStore, fakeVault, removeConfStores } from '../support/settings-doubles.ts';

afterEach(removeConfStores);

/** A legacy Supabase API key's shape: a JWT whose claims name its role (the signature is not checked here). */
const jwtKey = (role: string) =>
  ['{"alg":"HS256","typ":"JWT"}', JSON.stringify({ iss: 'supabase', ref: 'abcd1234', role, iat: 1700000000, exp: 2000000000 }), 'signature-bytes']
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.');

/**
 * The console shell's own decisions: where it works, what it remembers, what a managed install
 * may not change. The embedded host behind it is a recording stub here (the e2e specs and the
 * built main process run the real one); no remote host is made in these cases.
 */
function shellWith(options: Partial<ConsoleShellOptions> = {}) {
  const { store, file } = confStore();
  const close = vi.fn(async () => undefined);
  const startEmbedded = vi.fn(async () => ({ dispatch: async () => ({ ok: true as const, value: 'from the demo' }), close }));
  const shell = createConsoleShell({
    store,
    vault: fakeVault(),
    managed: null,
    startEmbedded,
    createRemote: () => {
      throw new Error('no remote host in these cases');
    },
    updates: { status: () => ({ state: 'ready', version: '0.2.0' }), restartToInstall: () => true },
    log: () => undefined,
    ...options,
  });
  return { shell, store, file, startEmbedded, close };
}

describe('the console shell', () => {
  it('serves nothing but its own operations until the admin chooses, then remembers the choice', async () => {
    const { shell, store, startEmbedded } = shellWith();
    expect(await shell.dispatch('health.list', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await shell.dispatch('console.status', {})).toEqual({
      ok: true,
      value: { connection: 'none', managed: false, managedProblem: null, project: null, update: { state: 'ready', version: '0.2.0' } },
    });
    expect(await shell.dispatch('console.connect', { kind: 'demo' })).toMatchObject({ ok: true, value: { connection: 'demo' } });
    expect(readSetting(store, 'connection')).toEqual({ kind: 'demo' });
    expect(await shell.dispatch('health.list', {})).toEqual({ ok: true, value: 'from the demo' });
    expect(startEmbedded).toHaveBeenCalledOnce();
    expect(await shell.dispatch('console.connect', { kind: 'demo' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await shell.dispatch('console.restartToUpdate', {})).toEqual({ ok: true, value: { restarting: true } });
  });

  it('refuses a project address that is not https, a secret key, and anything but the two kinds', async () => {
    const { shell, store } = shellWith();
    for (const input of [
      { kind: 'supabase', url: 'http://abcd1234.supabase.co', anonKey: 'a'.repeat(40) },
      { kind: 'supabase', url: 'https://abcd1234.supabase.co', anonKey: `sb_secret_${'a'.repeat(30)}` },
      { kind: 'supabase', url: 'https://abcd1234.supabase.co', anonKey: 'short' },
      { kind: 'supabase', url: 'https://abcd1234.supabase.co', anonKey: jwtKey('service_role') },
      { kind: 'supabase', url: 'https://abcd1234.supabase.co/rest/v1', anonKey: jwtKey('anon') },
      { kind: 'supabase', url: 'https://user@abcd1234.supabase.co', anonKey: jwtKey('anon') },
      { kind: 'elsewhere' },
    ]) {
      expect(await shell.dispatch('console.connect', input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(store.get('connection')).toBeUndefined();
  });

  it('goes back to the choice on disconnect, closing the demo', async () => {
    const { shell, store, close } = shellWith();
    await shell.dispatch('console.connect', { kind: 'demo' });
    await shell.dispatch('health.list', {});
    expect(await shell.dispatch('console.disconnect', {})).toMatchObject({ ok: true, value: { connection: 'none' } });
    expect(close).toHaveBeenCalledOnce();
    expect(store.get('connection')).toBeUndefined();
  });

  it('opens the fallback without remembering it, and lets a managed install not be changed', async () => {
    const fallback = shellWith({ fallback: { kind: 'demo' } });
    expect(await fallback.shell.dispatch('console.status', {})).toMatchObject({ ok: true, value: { connection: 'demo', managed: false } });
    expect(fallback.store.get('connection')).toBeUndefined();

    const broken = shellWith({ managedProblem: 'The project file /opt/console/console-project.json is not JSON' });
    expect(await broken.shell.dispatch('console.status', {})).toMatchObject({
      ok: true,
      value: { connection: 'none', managedProblem: expect.stringContaining('not JSON') },
    });
    expect(await broken.shell.dispatch('console.connect', { kind: 'demo' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const managed = shellWith({ managed: { kind: 'demo' } });
    expect(await managed.shell.dispatch('console.status', {})).toMatchObject({ ok: true, value: { connection: 'demo', managed: true } });
    expect(await managed.shell.dispatch('console.disconnect', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await managed.shell.dispatch('console.connect', { kind: 'demo' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the anon key', () => {
  it('takes a legacy anon JWT or a publishable key, and refuses anything that bypasses row-level security', () => {
    expect(AnonKey.safeParse(jwtKey('anon')).success).toBe(true);
    expect(AnonKey.safeParse(`sb_publishable_${'x'.repeat(30)}`).success).toBe(true);
    expect(AnonKey.safeParse(jwtKey('service_role')).success).toBe(false);
    expect(AnonKey.safeParse(`sb_secret_${'x'.repeat(30)}`).success).toBe(false);
    expect(AnonKey.safeParse(`eyJhbGciOiJIUzI1NiJ9.not*base64.${'x'.repeat(20)}`).success).toBe(false);
  });
});

describe('a managed install’s project file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'msc-managed-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('names the project, or nothing when there is no file', () => {
    expect(readManagedConfig(undefined)).toEqual({ connection: null, problem: null });
    expect(readManagedConfig(join(dir, 'missing.json'))).toEqual({ connection: null, problem: null });
    const good = file(
      'good.json',
      JSON.stringify({ supabaseUrl: 'https://abcd1234.supabase.co/', supabaseAnonKey: `sb_publishable_${'x'.repeat(30)}` }),
    );
    expect(readManagedConfig(good)).toEqual({
      connection: { kind: 'supabase', url: 'https://abcd1234.supabase.co', anonKey: `sb_publishable_${'x'.repeat(30)}` },
      problem: null,
    });
  });

  it('names what is wrong in a file, never half-uses it, and takes no secret', () => {
    expect(readManagedConfig(file('broken.json', '{"supabaseUrl":'))).toMatchObject({
      connection: null,
      problem: expect.stringContaining('is not JSON'),
    });
    const secret = file(
      'secret.json',
      JSON.stringify({ supabaseUrl: 'https://abcd1234.supabase.co', supabaseAnonKey: `sb_secret_${'x'.repeat(30)}` }),
    );
    expect(readManagedConfig(secret)).toMatchObject({ connection: null, problem: expect.stringContaining('(supabaseAnonKey)') });
    const extra = file(
      'extra.json',
      JSON.stringify({ supabaseUrl: 'https://abcd1234.supabase.co', supabaseAnonKey: 'x'.repeat(30), serviceRoleKey: 'y' }),
    );
    expect(readManagedConfig(extra)).toMatchObject({ connection: null, problem: expect.stringContaining('is not valid') });
    rmSync(dir, { recursive: true, force: true });
  });
});
