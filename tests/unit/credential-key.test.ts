import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateCredentialKey } from '../../electron/main/platform/credential-key.ts';
import type { SecretVault, VaultAvailability } from '../../electron/main/platform/secret-vault.ts';
import { readSetting, writeSetting, type KeyValueStore } from '../../electron/main/platform/settings-store.ts';

/**
 * Test double for Electron's safeStorage, which needs the Electron binary. It reverses and
 * base64-encodes, which is enough to prove only its output reaches the disk.
 */
function fakeVault(availability: VaultAvailability = { available: true }): SecretVault {
  return {
    availability: () => availability,
    seal: (plain) => Buffer.from(`vault:${[...plain].reverse().join('')}`).toString('base64'),
    open: (sealed) => {
      const text = Buffer.from(sealed, 'base64').toString();
      if (!text.startsWith('vault:')) throw new Error('not ours');
      return [...text.slice('vault:'.length)].reverse().join('');
    },
  };
}

const dirs: string[] = [];
function confStore(): { store: KeyValueStore; file: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'msc-conf-'));
  dirs.push(cwd);
  // conf is electron-store's own engine, so this is the same file format the app writes.
  const conf = new Conf<Record<string, unknown>>({ projectName: 'member-sync-console-test', cwd, configName: 'console-settings' });
  return { store: { get: (k) => conf.get(k), set: (k, v) => conf.set(k, v), delete: (k) => conf.delete(k) }, file: conf.path };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('credential key', () => {
  it('creates a key once, keeps only keychain ciphertext on disk, and reloads the same key', () => {
    const { store, file } = confStore();
    const first = loadOrCreateCredentialKey(fakeVault(), store);
    expect(first.persisted).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain(first.keyBase64);
    const again = loadOrCreateCredentialKey(fakeVault(), store);
    expect(again).toEqual(first);
  });

  it('writes nothing when the keychain is missing or weak, and uses a session key', () => {
    for (const reason of ['no_backend', 'weak_backend'] as const) {
      const { store, file } = confStore();
      const key = loadOrCreateCredentialKey(fakeVault({ available: false, reason }), store);
      expect(key.persisted).toBe(false);
      expect(() => readFileSync(file, 'utf8')).toThrow();
    }
  });

  it('keeps the saved key when the keychain refuses to open it, and uses a session key meanwhile', () => {
    const { store } = confStore();
    const first = loadOrCreateCredentialKey(fakeVault(), store);
    const refusing: SecretVault = {
      ...fakeVault(),
      open: () => {
        throw new Error('User denied keychain access');
      },
    };
    const meanwhile = loadOrCreateCredentialKey(refusing, store);
    expect(meanwhile.persisted).toBe(false);
    expect(meanwhile.keyId).not.toBe(first.keyId);
    // The next start, with the keychain willing again, gets the original key back.
    expect(loadOrCreateCredentialKey(fakeVault(), store)).toEqual(first);
  });
});

describe('settings store', () => {
  it('has no place for personal data: unknown fields are refused on write and dropped on read', () => {
    const { store, file } = confStore();
    const summary = {
      integrationId: '0b7e9a3c-3f1a-4a57-9a0e-2f6f1b1c2d3e',
      orgName: 'Norsk Friluftslag',
      system: 'cornerstone' as const,
      health: 'healthy',
      lastSuccessAt: '2026-11-23T10:00:00.000Z',
      memberCount: 2500,
      lastErrorCode: null,
      savedAt: '2026-11-23T10:00:01.000Z',
    };
    expect(() =>
      writeSetting(store, 'offlineSummaries', [{ ...summary, firstName: 'Ola', personnummer: '01019012345' } as typeof summary]),
    ).toThrow();
    writeSetting(store, 'offlineSummaries', [summary]);
    expect(readSetting(store, 'offlineSummaries')).toEqual([summary]);

    store.set('offlineSummaries', [{ ...summary, email: 'ola@example.no' }]);
    expect(readSetting(store, 'offlineSummaries')).toBeUndefined();
    expect(readFileSync(file, 'utf8')).not.toMatch(/ola@example\.no|01019012345/);
  });
});
