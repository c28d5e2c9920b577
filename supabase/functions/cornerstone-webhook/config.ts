import { requireEnv } from '../_shared/env.ts';

export interface CornerstoneWebhookConfig {
  databaseUrl: string;
  /** Opens the webhook secrets, which are stored sealed like credentials. */
  credentialKey: { keyId: string; keyBase64: string };
}

export function readCornerstoneWebhookConfig(): CornerstoneWebhookConfig {
  const env = requireEnv(['SUPABASE_DB_URL', 'CREDENTIAL_KEY', 'CREDENTIAL_KEY_ID']);
  return { databaseUrl: env.SUPABASE_DB_URL, credentialKey: { keyId: env.CREDENTIAL_KEY_ID, keyBase64: env.CREDENTIAL_KEY } };
}
