import { createRemoteJWKSet } from 'jose';
import { createSupabaseTokenVerifier, type SupabaseTokenVerifier } from '../../../backend/auth/supabase-token.ts';
import { optionalEnv } from './env.ts';

/** `value` as a URL, https unless plain http to 127.0.0.1 is allowed (tests only). */
export function httpsUrl(name: string, value: string, allowLoopbackHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL`);
  }
  const loopback = url.hostname === '127.0.0.1' && url.protocol === 'http:' && allowLoopbackHttp;
  if (url.protocol !== 'https:' && !loopback) throw new Error(`${name} must be an https:// URL`);
  return url.href;
}

/** How a function checks its users' access tokens: the project's Auth as issuer, and its keys. */
export interface ProjectAuthConfig {
  /** `<SUPABASE_URL>/auth/v1`, the issuer of the users' tokens. */
  authIssuer: string;
  /** The project's signing keys; empty until asymmetric keys are in use. */
  jwksUrl: string;
  /** The legacy shared JWT secret, for a project that still signs with one. */
  legacyJwtSecret: string | null;
}

export function readProjectAuthConfig(supabaseUrl: string, allowLoopbackHttp: boolean): ProjectAuthConfig {
  const project = httpsUrl('SUPABASE_URL', supabaseUrl, allowLoopbackHttp).replace(/\/$/, '');
  return {
    authIssuer: `${project}/auth/v1`,
    jwksUrl: optionalEnv('SUPABASE_JWKS_URL') ?? `${project}/auth/v1/.well-known/jwks.json`,
    legacyJwtSecret: optionalEnv('SUPABASE_JWT_SECRET') ?? null,
  };
}

/** The verifier over the project's JWKS (fetched once, then cached by jose), or the legacy secret. */
export function projectTokenVerifier(config: ProjectAuthConfig): SupabaseTokenVerifier {
  return createSupabaseTokenVerifier({
    keys: config.legacyJwtSecret === null ? createRemoteJWKSet(new URL(config.jwksUrl)) : new TextEncoder().encode(config.legacyJwtSecret),
    issuer: config.authIssuer,
  });
}
