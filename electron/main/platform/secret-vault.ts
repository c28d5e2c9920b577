/**
 * The OS keychain, behind an interface so the logic around it runs in plain Node.
 * Electron's implementation is safeStorage; Linux's `basic_text` backend (a hard-coded
 * password) counts as unavailable, and the console says so.
 */
export type VaultAvailability = { available: true } | { available: false; reason: 'no_backend' | 'weak_backend' };

export interface SecretVault {
  availability(): VaultAvailability;
  /** Ciphertext, base64. */
  seal(plain: string): string;
  open(ciphertextBase64: string): string;
}
