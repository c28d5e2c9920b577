import type { SecretVault } from '../platform/secret-vault.ts';
import { readSetting, writeSetting, type KeyValueStore } from '../platform/settings-store.ts';

/** supabase-js's storage port: where it keeps the session and the PKCE code verifier. */
export interface SessionStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export interface SealedSessionStorage extends SessionStorage {
  /** False when the keychain is missing or weak: the session then lives in memory, for this run only. */
  readonly persisted: boolean;
  /** Forgets every key, on disk and in memory (sign-out, or a switch to another project). */
  clear(): void;
}

/**
 * The admin's Supabase session, sealed by the OS keychain before it reaches the disk: the
 * settings file holds only ciphertext. Where the keychain is unavailable or Linux's
 * `basic_text` (a hard-coded password), nothing is written and the session lasts for this run.
 * A value the keychain cannot open any more (another machine's, a reset keychain), or one saved
 * for another project, reads as absent, so the admin simply signs in again.
 */
export function createSealedSessionStorage(vault: SecretVault, store: KeyValueStore, projectUrl: string): SealedSessionStorage {
  const persisted = vault.availability().available;
  const memory = new Map<string, string>();
  // A session belongs to one project: another project's is never read, so its tokens never go there.
  const sealed = (): Record<string, string> => {
    if (!persisted) return {};
    const saved = readSetting(store, 'authSession');
    return saved?.projectUrl === projectUrl ? saved.values : {};
  };
  const save = (values: Record<string, string>) => {
    if (Object.keys(values).length === 0) store.delete('authSession');
    else writeSetting(store, 'authSession', { projectUrl, values });
  };
  return {
    persisted,
    async getItem(key) {
      if (memory.has(key)) return memory.get(key) ?? null;
      const ciphertext = sealed()[key];
      if (ciphertext === undefined) return null;
      try {
        const value = vault.open(ciphertext);
        memory.set(key, value);
        return value;
      } catch {
        return null;
      }
    },
    async setItem(key, value) {
      memory.set(key, value);
      if (persisted) save({ ...sealed(), [key]: vault.seal(value) });
    },
    async removeItem(key) {
      memory.delete(key);
      if (!persisted) return;
      const { [key]: _removed, ...rest } = sealed();
      save(rest);
    },
    clear() {
      memory.clear();
      store.delete('authSession');
    },
  };
}
