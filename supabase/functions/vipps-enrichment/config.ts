import { optionalEnv, requireEnv } from '../_shared/env.ts';

/**
 * An invocation ends when its answer is sent and its background work is done, within Supabase's
 * wall clock (150 s free, 400 s paid): a number is held for retries at most this long, leaving
 * room for the last attempt. Past it, the member's next Vipps login writes the number.
 */
const DEFAULT_HOLD_MS = 120_000;
const MAX_HOLD_MS = 360_000;

export interface VippsEnrichmentConfig {
  databaseUrl: string;
  credentialKey: { keyId: string; keyBase64: string };
  /** `https://api.vipps.no/vipps-userinfo-api/userinfo/` (or apitest for the test environment). */
  userinfoUrl: string;
  /** The project's Auth: `<SUPABASE_URL>/auth/v1`, the issuer of the app users' tokens. */
  authIssuer: string;
  /** The project's signing keys; empty until asymmetric keys are in use. */
  jwksUrl: string;
  /** The legacy shared JWT secret, for a project that still signs with one. */
  legacyJwtSecret: string | null;
  holdMs: number;
  allowLoopbackHttp: boolean;
}

function httpsUrl(name: string, value: string, allowLoopbackHttp: boolean): string {
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

function holdMs(value: string | undefined): number {
  if (value === undefined) return DEFAULT_HOLD_MS;
  const ms = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(ms >= 1_000 && ms <= MAX_HOLD_MS)) throw new Error(`ENRICHMENT_HOLD_MS must be from 1000 to ${MAX_HOLD_MS}`);
  return ms;
}

export function readVippsEnrichmentConfig(): VippsEnrichmentConfig {
  const env = requireEnv(['SUPABASE_DB_URL', 'SUPABASE_URL', 'CREDENTIAL_KEY', 'CREDENTIAL_KEY_ID', 'VIPPS_USERINFO_URL']);
  const allowLoopbackHttp = optionalEnv('ALLOW_LOOPBACK_HTTP') === '1';
  const project = httpsUrl('SUPABASE_URL', env.SUPABASE_URL, allowLoopbackHttp).replace(/\/$/, '');
  return {
    databaseUrl: env.SUPABASE_DB_URL,
    credentialKey: { keyId: env.CREDENTIAL_KEY_ID, keyBase64: env.CREDENTIAL_KEY },
    userinfoUrl: httpsUrl('VIPPS_USERINFO_URL', env.VIPPS_USERINFO_URL, allowLoopbackHttp),
    authIssuer: `${project}/auth/v1`,
    jwksUrl: optionalEnv('SUPABASE_JWKS_URL') ?? `${project}/auth/v1/.well-known/jwks.json`,
    legacyJwtSecret: optionalEnv('SUPABASE_JWT_SECRET') ?? null,
    holdMs: holdMs(optionalEnv('ENRICHMENT_HOLD_MS')),
    allowLoopbackHttp,
  };
}
