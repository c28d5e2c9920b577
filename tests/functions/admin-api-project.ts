import { seedDemo } from '../../backend/db/demo-seed.ts';
import { createCredentialBox, generateCredentialKey } from '../../backend/crypto/credential-box.ts';
import { createSourceResolver } from '../../backend/engine/source-resolver.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { ADMIN_API_ENV, startFunction, type RunningFunction } from './harness.ts';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.ts';
import { startSupabaseStandIn, type SupabaseStandIn } from '../support/supabase-auth-stand-in.ts';
import { OWN, syncIntegration } from '../db/support/handlers-fixture.ts';

/**
 * A Supabase project as the console's remote mode meets it: the demo's organizations on a scratch
 * PostgreSQL database (Norsk Friluftslag synced once from a Cornerstone simulator), `admin-api`
 * under the real Deno binary, and the stand-in for Auth and the gateway routing to it.
 */
export interface AdminApiProject {
  scratch: ScratchDatabase;
  sim: CornerstoneSim;
  project: SupabaseStandIn;
  fn: RunningFunction;
  close(): Promise<void>;
}

export async function startAdminApiProject(options: { prefix: string; serverUrl: string }): Promise<AdminApiProject> {
  const credentialKey = { keyId: `${options.prefix}-key`, keyBase64: generateCredentialKey() };
  const sim = await startCornerstoneSim({ memberCount: 40, seed: 9 });
  const scratch = await createScratchDatabase(options.serverUrl, { prefix: options.prefix });
  const box = await createCredentialBox(credentialKey);
  const { username, password, clientId } = sim.credentials;
  await seedDemo(scratch.db, {
    cornerstoneBaseUrl: sim.url,
    credentialCiphertext: await box.seal({ kind: 'user_password_client', username, password, clientId }),
  });
  await syncIntegration(scratch.db, createSourceResolver(scratch.db, box, { allowLoopbackHttp: true }), OWN);
  const project = await startSupabaseStandIn();
  const fn = await startFunction({
    name: 'admin-api',
    env: {
      SUPABASE_DB_URL: scratch.url,
      SUPABASE_URL: project.url,
      CREDENTIAL_KEY: credentialKey.keyBase64,
      CREDENTIAL_KEY_ID: credentialKey.keyId,
      ALLOW_LOOPBACK_HTTP: '1',
    },
    allowEnv: ADMIN_API_ENV,
  });
  project.routeFunction('admin-api', fn.url);
  return {
    scratch,
    sim,
    project,
    fn,
    async close() {
      await fn.stop();
      await project.close();
      await sim.close();
      await scratch.drop();
    },
  };
}
