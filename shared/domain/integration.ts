import { z } from 'zod';

export const MemberSystem = z.enum(['cornerstone', 'consio']);
export type MemberSystem = z.infer<typeof MemberSystem>;

/**
 * Registry credentials as an admin enters them. They cross the boundary once, on their way
 * to being encrypted; only ciphertext is ever stored.
 */
export const IntegrationCredentials = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('api_key'), apiKey: z.string().min(8).max(500) }),
  z.object({
    kind: z.literal('user_password_client'),
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(500),
    clientId: z.string().min(1).max(200),
  }),
  // OAuth 2.0 client credentials: how Consio's API is reached (its OpenID server issues the token).
  z.object({
    kind: z.literal('client_credentials'),
    clientId: z.string().min(1).max(200),
    clientSecret: z.string().min(8).max(500),
  }),
]);
export type IntegrationCredentials = z.infer<typeof IntegrationCredentials>;
