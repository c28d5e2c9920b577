import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

/**
 * A signed-in user of a Supabase project, as their access token names them. Both the members'
 * app (calling `vipps-enrichment`) and the console's admins (calling `admin-api`) send their
 * own token: a server secret would let whoever holds it name any user, while a user's token
 * names only that user.
 */
export interface TokenUser {
  userId: string;
  /** Empty for a user who signed up without e-mail (a phone login). */
  email: string;
}

export interface SupabaseTokenVerifier {
  /** The user the token names, or null when it is not a valid, signed-in user's access token. */
  verify(token: string): Promise<TokenUser | null>;
}

export interface SupabaseTokenOptions {
  /** The project's signing keys: `createRemoteJWKSet(<project>/auth/v1/.well-known/jwks.json)` on Supabase, or the legacy shared secret. */
  keys: JWTVerifyGetKey | Uint8Array;
  /** `<project url>/auth/v1`, as Supabase Auth sets `iss`. */
  issuer: string;
  /** Supabase signs signed-in users' tokens for `authenticated`. */
  audience?: string;
}

/** Longer than any access token Supabase issues; a longer header is refused before any parsing. */
const MAX_TOKEN_LENGTH = 8_192;

const Claims = z.object({ sub: z.uuid(), role: z.literal('authenticated'), email: z.string().max(320).optional() });

export function createSupabaseTokenVerifier(options: SupabaseTokenOptions): SupabaseTokenVerifier {
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience ?? 'authenticated',
    // Asymmetric keys as Supabase recommends, or the legacy shared secret; never `none`.
    algorithms: options.keys instanceof Uint8Array ? ['HS256'] : ['ES256', 'RS256', 'EdDSA'],
    requiredClaims: ['exp', 'sub'],
  };
  return {
    async verify(token) {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
      try {
        // Two calls, not one: jwtVerify's overloads take a secret or a key set, not their union.
        const { payload } =
          options.keys instanceof Uint8Array
            ? await jwtVerify(token, options.keys, verifyOptions)
            : await jwtVerify(token, options.keys, verifyOptions);
        const claims = Claims.safeParse(payload);
        return claims.success ? { userId: claims.data.sub, email: claims.data.email ?? '' } : null;
      } catch (error) {
        // A bad token is an answer; keys that cannot be fetched are our problem, not the caller's.
        if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) return null;
        throw error;
      }
    },
  };
}

/** The token of `Authorization: Bearer <token>`, or null when the header is missing or malformed. */
export function bearerToken(headers: { get(name: string): string | null }): string | null {
  return /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(headers.get('authorization') ?? '')?.[1] ?? null;
}
