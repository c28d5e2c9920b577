import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import type { SecretVault, VaultAvailability } from '../../electron/main/platform/secret-vault.ts';
import type { KeyValueStore } from '../../electron/main/platform/settings-store.ts';

/**
 * Test double for Electron's safeStorage, which needs the Electron binary. It reverses and
 * base64-encodes, which is enough to prove only its output reaches the disk.
 */
export function fakeVault(availability: VaultAvailability = { available: true }): SecretVault {
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

/** The settings file in a folder of its own, through `conf`, electron-store's own engine: the same file format the app writes. */
export function confStore(): { store: KeyValueStore; file: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'msc-conf-'));
  dirs.push(cwd);
  const conf = new Conf<Record<string, unknown>>({ projectName: 'member-sync-console-test', cwd, configName: 'console-settings' });
  return { store: { get: (k) => conf.get(k), set: (k, v) => conf.set(k, v), delete: (k) => conf.delete(k) }, file: conf.path };
}

/** Removes every folder `confStore` made. */
export function removeConfStores(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
