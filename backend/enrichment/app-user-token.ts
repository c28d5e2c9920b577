import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

/**
 * How the enrichment service knows which app user is calling: the app user's own Supabase
 * access token, verified here. A server secret would let whoever holds it name any user, and
 * the number would go to that user's member records; a user's token names only that user, and
 * the app already has it right after the Vipps sign-in.
 */
export interface AppTokenVerifier {
  /** The app user's id (the token's `sub`), or null when the token is not a valid app user's. */
  verify(token: string): Promise<string | null>;
}

export interface AppTokenOptions {
  /** The project's signing keys: `createRemoteJWKSet(<project>/auth/v1/.well-known/jwks.json)` on Supabase. */
  keys: JWTVerifyGetKey | Uint8Array;
  /** `<project url>/auth/v1`, as Supabase Auth sets `iss`. */
  issuer: string;
  /** Supabase signs signed-in users' tokens for `authenticated`. */
  audience?: string;
}

const Claims = z.object({ sub: z.uuid(), role: z.literal('authenticated') });

export function createAppTokenVerifier(options: AppTokenOptions): AppTokenVerifier {
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience ?? 'authenticated',
    // Asymmetric keys as Supabase recommends, or the legacy shared secret; never `none`.
    algorithms: options.keys instanceof Uint8Array ? ['HS256'] : ['ES256', 'RS256', 'EdDSA'],
    requiredClaims: ['exp', 'sub'],
  };
  return {
    async verify(token) {
      if (token.length === 0 || token.length > 8_192) return null;
      try {
        // Two calls, not one: jwtVerify's overloads take a secret or a key set, not their union.
        const { payload } =
          options.keys instanceof Uint8Array
            ? await jwtVerify(token, options.keys, verifyOptions)
            : await jwtVerify(token, options.keys, verifyOptions);
        const claims = Claims.safeParse(payload);
        return claims.success ? claims.data.sub : null;
      } catch (error) {
        // A bad token is an answer; keys that cannot be fetched are our problem, not the caller's.
        if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) return null;
        throw error;
      }
    },
  };
}
