import { z } from 'zod';
import { IntegrationCredentials } from '../../shared/domain/integration.ts';

/**
 * Registry credentials are stored only as AES-256-GCM ciphertext. WebCrypto is used because it
 * exists in Node, Deno and the browser alike. The key lives outside the database: in the OS
 * keychain (embedded mode) or an Edge Function secret (Supabase).
 */
export interface CredentialBox {
  readonly keyId: string;
  seal(credentials: IntegrationCredentials): Promise<{ ciphertext: string; keyId: string }>;
  open(sealed: { ciphertext: string; keyId: string }): Promise<IntegrationCredentials>;
}

const Sealed = z.object({ v: z.literal(1), iv: z.string(), data: z.string() });

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A fresh random 256-bit key, base64-encoded, for first start-up. */
export function generateCredentialKey(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

export async function createCredentialBox(options: { keyId: string; keyBase64: string }): Promise<CredentialBox> {
  const raw = fromBase64(options.keyBase64);
  if (raw.length !== 32) throw new Error('The credential key must be 32 bytes (base64)');
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const additionalData = new TextEncoder().encode(`member-sync-credentials:${options.keyId}`);

  return {
    keyId: options.keyId,
    async seal(credentials) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const plain = new TextEncoder().encode(JSON.stringify(IntegrationCredentials.parse(credentials)));
      const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, plain));
      return { ciphertext: JSON.stringify({ v: 1, iv: toBase64(iv), data: toBase64(data) }), keyId: options.keyId };
    },
    async open(sealed) {
      if (sealed.keyId !== options.keyId) throw new Error(`Credentials were sealed with key "${sealed.keyId}", not "${options.keyId}"`);
      const envelope = Sealed.parse(JSON.parse(sealed.ciphertext));
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(envelope.iv), additionalData },
        key,
        fromBase64(envelope.data),
      );
      return IntegrationCredentials.parse(JSON.parse(new TextDecoder().decode(plain)));
    },
  };
}
