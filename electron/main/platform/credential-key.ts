import { generateCredentialKey } from '../../../backend/crypto/credential-box.ts';
import type { SecretVault } from './secret-vault.ts';
import { readSetting, writeSetting, type KeyValueStore } from './settings-store.ts';

export interface CredentialKey {
  keyId: string;
  keyBase64: string;
  /** False when the OS keychain is missing or weak: the key then lives for this session only. */
  persisted: boolean;
}

/**
 * The key that seals registry credentials in the embedded database. It is kept on disk only
 * as keychain ciphertext; if the keychain is unavailable, a session key is used and nothing
 * is written, so no secret ever reaches the disk in plaintext.
 */
export function loadOrCreateCredentialKey(vault: SecretVault, store: KeyValueStore): CredentialKey {
  if (!vault.availability().available) {
    return { keyId: `session-${crypto.randomUUID()}`, keyBase64: generateCredentialKey(), persisted: false };
  }
  const saved = readSetting(store, 'credentialKey');
  if (saved) {
    try {
      return { keyId: saved.keyId, keyBase64: vault.open(saved.sealed), persisted: true };
    } catch {
      // The keychain changed (new OS user, reset keyring): the old ciphertext is unreadable.
      // Start a new key; credentials sealed with the old one must be entered again.
    }
  }
  const key = { keyId: `key-${crypto.randomUUID()}`, keyBase64: generateCredentialKey() };
  writeSetting(store, 'credentialKey', { keyId: key.keyId, sealed: vault.seal(key.keyBase64) });
  return { ...key, persisted: true };
}
