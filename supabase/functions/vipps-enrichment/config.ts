import { optionalEnv, requireEnv } from '../_shared/env.ts';
import { httpsUrl, readProjectAuthConfig, type ProjectAuthConfig } from '../_shared/project-auth.ts';

/**
 * An invocation ends when its answer is sent and its background work is done, within Supabase's
 * wall clock (150 s free, 400 s paid): a number is held for retries at most this long, leaving
 * room for the last attempt. Past it, the member's next Vipps login writes the number.
 */
const DEFAULT_HOLD_MS = 120_000;
const MAX_HOLD_MS = 360_000;

export interface VippsEnrichmentConfig extends ProjectAuthConfig {
  databaseUrl: string;
  credentialKey: { keyId: string; keyBase64: string };
  /** `https://api.vipps.no/vipps-userinfo-api/userinfo/` (or apitest for the test environment). */
  userinfoUrl: string;
  holdMs: number;
  allowLoopbackHttp: boolean;
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
  return {
    databaseUrl: env.SUPABASE_DB_URL,
    credentialKey: { keyId: env.CREDENTIAL_KEY_ID, keyBase64: env.CREDENTIAL_KEY },
    userinfoUrl: httpsUrl('VIPPS_USERINFO_URL', env.VIPPS_USERINFO_URL, allowLoopbackHttp),
    ...readProjectAuthConfig(env.SUPABASE_URL, allowLoopbackHttp),
    holdMs: holdMs(optionalEnv('ENRICHMENT_HOLD_MS')),
    allowLoopbackHttp,
  };
}
