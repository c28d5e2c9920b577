import { createCredentialBox } from '../../../backend/crypto/credential-box.ts';
import { createSourceResolver } from '../../../backend/engine/source-resolver.ts';
import { createEnrichmentService } from '../../../backend/enrichment/enrichment-service.ts';
import { describeError } from '../../../backend/logging/describe-error.ts';
import { openFunctionDb } from '../_shared/db.ts';
import { serveFunction } from '../_shared/serve.ts';
import { projectTokenVerifier } from '../_shared/project-auth.ts';
import { readVippsEnrichmentConfig } from './config.ts';
import { createVippsEnrichmentHandler, type KeepAlive } from './handler.ts';

const config = readVippsEnrichmentConfig();
const box = await createCredentialBox(config.credentialKey).catch(() => {
  throw new Error('CREDENTIAL_KEY must be a base64-encoded 32-byte key');
});
const db = openFunctionDb(config.databaseUrl);
const resolveSource = createSourceResolver(db, box, { allowLoopbackHttp: config.allowLoopbackHttp });
const service = createEnrichmentService({
  db,
  resolveSource,
  userinfoUrl: config.userinfoUrl,
  holdMs: config.holdMs,
  log: (line) => console.error(`vipps-enrichment: ${line}`),
});
const appTokens = projectTokenVerifier(config);

// On Supabase, EdgeRuntime.waitUntil keeps the invocation alive for the retries; plain Deno
// (the tests) keeps running anyway, so there it only waits.
const runtime = (globalThis as { EdgeRuntime?: { waitUntil(work: Promise<unknown>): void } }).EdgeRuntime;
const keepAlive: KeepAlive = (work) => {
  const logged = work.catch((error: unknown) => console.error(`vipps-enrichment: background write failed\n${describeError(error)}`));
  runtime?.waitUntil(logged);
};

serveFunction('vipps-enrichment', createVippsEnrichmentHandler({ service, appTokens, keepAlive }));
