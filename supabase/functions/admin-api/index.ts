import { createCredentialBox } from '../../../backend/crypto/credential-box.ts';
import { createSourceResolver } from '../../../backend/engine/source-resolver.ts';
import { createRegistrySetup } from '../../../backend/handlers/registry-setup.ts';
import { createAdminApiRouter } from '../../../backend/admin-api/admin-router.ts';
import { describeError } from '../../../backend/logging/describe-error.ts';
import { openFunctionDb } from '../_shared/db.ts';
import { serveFunction } from '../_shared/serve.ts';
import { projectTokenVerifier } from '../_shared/project-auth.ts';
import { readAdminApiConfig } from './config.ts';
import { createAdminApiHandler } from './handler.ts';

const config = readAdminApiConfig();
const box = await createCredentialBox(config.credentialKey).catch(() => {
  throw new Error('CREDENTIAL_KEY must be a base64-encoded 32-byte key');
});
const db = openFunctionDb(config.databaseUrl);
const resolveSource = createSourceResolver(db, box, { allowLoopbackHttp: config.allowLoopbackHttp });
const setup = createRegistrySetup(box, { allowLoopbackHttp: config.allowLoopbackHttp, webhookBaseUrl: config.webhookBaseUrl });
const router = createAdminApiRouter((operation, error) => console.error(`admin-api: ${operation} failed\n${describeError(error)}`));
const tokens = projectTokenVerifier(config);

serveFunction(
  'admin-api',
  createAdminApiHandler({
    tokens,
    // A job queued here is claimed by the next `sync-worker` invocation (pg_cron, once a minute);
    // no numbers are held here, so an enrichment retry waits for the member's next login.
    dispatch: (operation, input, caller) => router.dispatch(operation, input, { db, caller, wakeWorker: () => undefined, resolveSource, setup }),
  }),
);
