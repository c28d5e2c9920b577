import { z } from 'zod';

/** A Supabase project's address (`https://<ref>.supabase.co`): https, or plain http to this machine (a local stack, the tests). */
export const ProjectUrl = z
  .url({ protocol: /^https?$/ })
  .max(300)
  .refine(
    (value) => /^https:\/\//i.test(value) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/i.test(value),
    'The project address must start with https://.',
  )
  .transform((value) => value.replace(/\/+$/, ''));

/** Supabase's new secret keys start with this; the public ones with `sb_publishable_`. */
export const SECRET_KEY_PREFIX = 'sb_secret_';

/** The project's anon (publishable) key: public by design, so it is kept as plain text. */
export const AnonKey = z
  .string()
  .trim()
  .min(20, 'The anon key is longer than that: copy it from the project settings, under API.')
  .max(2_000)
  .regex(/^[A-Za-z0-9._-]+$/, 'The anon key has only letters, digits, dots, dashes and underscores.')
  // Supabase's new secret keys say what they are; a secret key must never leave the server.
  .refine((value) => !value.startsWith(SECRET_KEY_PREFIX), 'That is a secret key. Use the public anon key.');

export const Connection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo') }).strict(),
  z.object({ kind: z.literal('supabase'), url: ProjectUrl, anonKey: AnonKey }).strict(),
]);
export type Connection = z.infer<typeof Connection>;
