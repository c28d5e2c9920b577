import { z } from 'zod';

/** A Supabase project's address (`https://<ref>.supabase.co`): https, or plain http to this machine (a local stack, the tests). */
export const ProjectUrl = z
  .url({ protocol: /^https?$/ })
  .max(300)
  // Only the address itself: a path, query or user name would send the session somewhere else.
  .refine(
    (value) => /^(https:\/\/[a-z0-9.-]+|http:\/\/(127\.0\.0\.1|localhost))(:\d{1,5})?\/?$/i.test(value),
    'The project address is https:// and the host, nothing after it.',
  )
  .transform((value) => value.replace(/\/+$/, ''));

/** Supabase's new secret keys start with this; the public ones with `sb_publishable_`. */
export const SECRET_KEY_PREFIX = 'sb_secret_';
const PUBLISHABLE_KEY_PREFIX = 'sb_publishable_';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A JWT segment's text (a legacy key's claims are ASCII JSON); null when it is not base64url. */
function base64UrlText(segment: string): string | null {
  let value = 0;
  let bits = 0;
  let text = '';
  for (const char of segment) {
    const index = BASE64URL.indexOf(char);
    if (index < 0) return null;
    value = ((value << 6) | index) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      text += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  return text;
}

/**
 * Whether a key is one meant for clients: a new `sb_publishable_` key, or a legacy JWT whose
 * role is `anon`. A `service_role` JWT or an `sb_secret_` key bypasses row-level security and
 * must never leave the server, so it is refused here, before it could be saved.
 */
export function isPublicKey(key: string): boolean {
  if (key.startsWith('sb_')) return key.startsWith(PUBLISHABLE_KEY_PREFIX);
  const parts = key.split('.');
  if (parts.length !== 3 || !key.startsWith('eyJ')) return true;
  const claims = base64UrlText(parts[1] ?? '');
  try {
    return claims !== null && (JSON.parse(claims) as { role?: unknown }).role === 'anon';
  } catch {
    return false;
  }
}

/** The project's anon (publishable) key: public by design, so it is kept as plain text. */
export const AnonKey = z
  .string()
  .trim()
  .min(20, 'The anon key is longer than that: copy it from the project settings, under API.')
  .max(2_000)
  .regex(/^[A-Za-z0-9._-]+$/, 'The anon key has only letters, digits, dots, dashes and underscores.')
  .refine(isPublicKey, 'That is a secret key. Use the public anon key.');

export const Connection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo') }).strict(),
  z.object({ kind: z.literal('supabase'), url: ProjectUrl, anonKey: AnonKey }).strict(),
]);
export type Connection = z.infer<typeof Connection>;
