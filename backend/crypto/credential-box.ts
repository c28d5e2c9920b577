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
  /** A webhook signing secret; sealed apart from credentials so one can never be opened as the other. */
  sealWebhookSecret(secret: string): Promise<{ ciphertext: string; keyId: string }>;
  openWebhookSecret(sealed: { ciphertext: string; keyId: string }): Promise<string>;
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
  // The purpose is bound into the ciphertext as additional data.
  const purposeData = (purpose: string) => new TextEncoder().encode(`member-sync-${purpose}:${options.keyId}`);

  async function sealText(purpose: string, text: string) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const additionalData = purposeData(purpose);
    const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, new TextEncoder().encode(text)));
    return { ciphertext: JSON.stringify({ v: 1, iv: toBase64(iv), data: toBase64(data) }), keyId: options.keyId };
  }

  async function openText(purpose: string, sealed: { ciphertext: string; keyId: string }): Promise<string> {
    if (sealed.keyId !== options.keyId) throw new Error(`Secrets were sealed with key "${sealed.keyId}", not "${options.keyId}"`);
    const envelope = Sealed.parse(JSON.parse(sealed.ciphertext));
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(envelope.iv), additionalData: purposeData(purpose) },
      key,
      fromBase64(envelope.data),
    );
    return new TextDecoder().decode(plain);
  }

  return {
    keyId: options.keyId,
    seal: (credentials) => sealText('credentials', JSON.stringify(IntegrationCredentials.parse(credentials))),
    open: async (sealed) => IntegrationCredentials.parse(JSON.parse(await openText('credentials', sealed))),
    sealWebhookSecret: (secret) => sealText('webhook-secret', secret),
    openWebhookSecret: (sealed) => openText('webhook-secret', sealed),
  };
}
