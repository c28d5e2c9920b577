import { createCredentialBox } from '../../../backend/crypto/credential-box.ts';
import { openFunctionDb } from '../_shared/db.ts';
import { serveFunction } from '../_shared/serve.ts';
import { readCornerstoneWebhookConfig } from './config.ts';
import { createCornerstoneWebhookHandler } from './handler.ts';

const config = readCornerstoneWebhookConfig();
const box = await createCredentialBox(config.credentialKey).catch(() => {
  throw new Error('CREDENTIAL_KEY must be a base64-encoded 32-byte key');
});
const db = openFunctionDb(config.databaseUrl);

serveFunction('cornerstone-webhook', createCornerstoneWebhookHandler({ db, box }));
