import { generateCredentialKey } from '../../../backend/crypto/credential-box.ts';
import type { SecretVault } from './secret-vault.ts';
import { readSetting, writeSetting, type KeyValueStore } from './settings-store.ts';

export interface CredentialKey {
  keyId: string;
  keyBase64: string;
  /**
   * False when the key lives for this session only: the OS keychain is missing or weak, or it
   * could not open the saved key just now (a denied prompt, a locked keyring).
   */
  persisted: boolean;
}

const sessionKey = (): CredentialKey => ({ keyId: `session-${crypto.randomUUID()}`, keyBase64: generateCredentialKey(), persisted: false });

/**
 * The key that seals registry credentials in the embedded database. It is kept on disk only
 * as keychain ciphertext; if the keychain is unavailable, a session key is used and nothing
 * is written, so no secret ever reaches the disk in plaintext.
 */
export function loadOrCreateCredentialKey(vault: SecretVault, store: KeyValueStore): CredentialKey {
  if (!vault.availability().available) return sessionKey();
  const saved = readSetting(store, 'credentialKey');
  if (saved) {
    try {
      return { keyId: saved.keyId, keyBase64: vault.open(saved.sealed), persisted: true };
    } catch {
      // The keychain refused this time (a denied prompt, a locked keyring) or has changed for
      // good. The saved key is kept either way, so a refusal that passes loses nothing; this
      // session uses a key of its own, and saved credentials ask to be entered again.
      return sessionKey();
    }
  }
  const key = { keyId: `key-${crypto.randomUUID()}`, keyBase64: generateCredentialKey() };
  writeSetting(store, 'credentialKey', { keyId: key.keyId, sealed: vault.seal(key.keyBase64) });
  return { ...key, persisted: true };
}
