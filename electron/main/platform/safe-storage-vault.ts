import { safeStorage } from 'electron';
import type { SecretVault } from './secret-vault.ts';

/** The OS keychain through Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet). */
export function createSafeStorageVault(): SecretVault {
  return {
    availability() {
      if (!safeStorage.isEncryptionAvailable()) return { available: false, reason: 'no_backend' };
      if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
        return { available: false, reason: 'weak_backend' };
      }
      return { available: true };
    },
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (ciphertext) => safeStorage.decryptString(Buffer.from(ciphertext, 'base64')),
  };
}
