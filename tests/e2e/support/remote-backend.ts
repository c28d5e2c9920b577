import WebSocket from 'ws';
import { startEmbeddedHost, type EmbeddedHost, type EmbeddedHostOptions } from '../../../electron/main/host/embedded-host.ts';
import { createRemoteHost } from '../../../electron/main/remote/remote-host.ts';
import type { ConsoleShellOptions } from '../../../electron/main/console-shell.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../support/scratch-database.ts';
import { startSupabaseStandIn, type SupabaseStandIn } from '../../support/supabase-auth-stand-in.ts';
import { ADMIN_API_ENV, startFunction, type RunningFunction } from '../../functions/harness.ts';

/** Every demo admin's password at the stand-in for Supabase Auth. */
export const ADMIN_PASSWORD = 'fjelltur-i-regnvær-2026';

/**
 * What a Supabase project runs, on this machine, for the e2e specs on the remote host:
 *
 * - PostgreSQL with the migrations (a scratch database of its own);
 * - `admin-api` under the real Deno binary, which the console reaches through `functions.invoke`,
 *   and `cornerstone-webhook`, where admin-api tells admins to point Cornerstone;
 * - a stand-in for Supabase Auth and the Functions gateway (GoTrue cannot run here), knowing
 *   every demo admin by e-mail with one password;
 * - the rest of the backend (the registries' simulators, the sync worker that pg_cron and
 *   `sync-worker` run there, the webhook receiver and the enrichment endpoint): the embedded
 *   host's services, running on that same PostgreSQL, since the functions run the same code.
 */
export interface RemoteBackend {
  services: EmbeddedHost;
  project: SupabaseStandIn;
  createRemote: ConsoleShellOptions['createRemote'];
  close(): Promise<void>;
}

export async function startRemoteBackend(options: Omit<EmbeddedHostOptions, 'db' | 'dataDir'>): Promise<RemoteBackend> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) throw new Error('The remote-host e2e specs need DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  let scratch: ScratchDatabase | null = null;
  let services: EmbeddedHost | null = null;
  let project: SupabaseStandIn | null = null;
  let fn: RunningFunction | null = null;
  let webhooks: RunningFunction | null = null;
  const close = async () => {
    await webhooks?.stop();
    await fn?.stop();
    await project?.close();
    await services?.close();
    await scratch?.drop();
  };
  try {
    scratch = await createScratchDatabase(serverUrl, { prefix: 'msync_e2e' });
    services = await startEmbeddedHost({ ...options, db: scratch.db, dataDir: null });
    project = await startSupabaseStandIn();
    for (const admin of services.directory.admins) project.addUser({ id: admin.userId, email: admin.email, password: ADMIN_PASSWORD });
    fn = await startFunction({
      name: 'admin-api',
      env: {
        SUPABASE_DB_URL: scratch.url,
        SUPABASE_URL: project.url,
        CREDENTIAL_KEY: options.credentialKey.keyBase64,
        CREDENTIAL_KEY_ID: options.credentialKey.keyId,
        ALLOW_LOOPBACK_HTTP: '1',
      },
      allowEnv: ADMIN_API_ENV,
    });
    project.routeFunction('admin-api', fn.url);
    // Where admin-api tells admins to point Cornerstone's webhooks: the real function, under Deno.
    webhooks = await startFunction({
      name: 'cornerstone-webhook',
      env: { SUPABASE_DB_URL: scratch.url, CREDENTIAL_KEY: options.credentialKey.keyBase64, CREDENTIAL_KEY_ID: options.credentialKey.keyId },
      allowEnv: ['SUPABASE_DB_URL', 'CREDENTIAL_KEY', 'CREDENTIAL_KEY_ID'],
    });
    project.routeFunction('cornerstone-webhook', webhooks.url);
    // Electron's Node has a WebSocket; the test runner's Node 20 needs `ws` for supabase-js's realtime client.
    return { services, project, createRemote: (remote) => createRemoteHost({ ...remote, realtimeTransport: WebSocket }), close };
  } catch (error) {
    await close();
    throw error;
  }
}
