import { optionalEnv, requireEnv } from '../_shared/env.ts';
import { httpsUrl, readProjectAuthConfig, type ProjectAuthConfig } from '../_shared/project-auth.ts';

export interface AdminApiConfig extends ProjectAuthConfig {
  databaseUrl: string;
  credentialKey: { keyId: string; keyBase64: string };
  /** Where Cornerstone sends webhooks: `<SUPABASE_URL>/functions/v1/cornerstone-webhook`, shown to admins setting one up. */
  webhookBaseUrl: string;
  /** Plain http to 127.0.0.1 (the simulators, the tests' stand-in for Auth). Never set on Supabase. */
  allowLoopbackHttp: boolean;
}

export function readAdminApiConfig(): AdminApiConfig {
  const env = requireEnv(['SUPABASE_DB_URL', 'SUPABASE_URL', 'CREDENTIAL_KEY', 'CREDENTIAL_KEY_ID']);
  const allowLoopbackHttp = optionalEnv('ALLOW_LOOPBACK_HTTP') === '1';
  const project = httpsUrl('SUPABASE_URL', env.SUPABASE_URL, allowLoopbackHttp).replace(/\/$/, '');
  return {
    databaseUrl: env.SUPABASE_DB_URL,
    credentialKey: { keyId: env.CREDENTIAL_KEY_ID, keyBase64: env.CREDENTIAL_KEY },
    ...readProjectAuthConfig(env.SUPABASE_URL, allowLoopbackHttp),
    webhookBaseUrl: `${project}/functions/v1/cornerstone-webhook`,
    allowLoopbackHttp,
  };
}
