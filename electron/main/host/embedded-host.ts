import { mkdirSync } from 'node:fs';
import type { Db } from '../../../backend/db/port.ts';
import { openPglite } from '../../../backend/db/pglite.node.ts';
import { applyMigrations } from '../../../backend/db/migrate.node.ts';
import { seedDemo, type DemoDirectory } from '../../../backend/db/demo-seed.ts';
import { createCredentialBox } from '../../../backend/crypto/credential-box.ts';
import { startWorker, type Worker } from '../../../backend/engine/worker.ts';
import { requeueAbandonedJobs } from '../../../backend/engine/job-store.ts';
import { asCaller } from '../../../backend/db/as-caller.ts';
import { createSourceResolver } from '../../../backend/engine/source-resolver.ts';
import type { BridgeResult } from '../../../shared/contract/bridge.ts';
import type { CornerstoneSim } from '../../../sim/cornerstone/server.ts';
import type { ConsioSim } from '../../../sim/consio/server.ts';
import { startDemoRegistries, type DemoRegistries, type DemoRegistryOptions, type OnboardingRegistry } from './demo-registries.ts';
import { createRegistrySetup } from '../../../backend/handlers/registry-setup.ts';
import { DemoSession } from './demo-session.ts';
import { createEmbeddedRouter } from './embedded-router.ts';
import { describeError } from '../../../backend/logging/describe-error.ts';
import { listAdmins } from './admin-directory.ts';
import { startDemoVipps, type DemoVipps } from './demo-vipps.ts';
import { startDemoVippsActivity } from './demo-vipps-activity.ts';
import { DEMO_IDS } from '../../../backend/db/demo-seed.ts';
import type { EnrichmentClock } from '../../../backend/enrichment/enrichment-clock.ts';

export interface EmbeddedHostOptions {
  /** Where PGlite keeps its files; null keeps the database in memory (tests). */
  dataDir: string | null;
  /**
   * An open database to run on instead of PGlite: the remote host's e2e runs the same services
   * (registries, worker, webhook and enrichment endpoints) on the PostgreSQL that admin-api uses.
   * Its owner closes it.
   */
  db?: Db;
  credentialKey: { keyId: string; keyBase64: string };
  /** A simulator the caller controls (tests inject faults), or how many members a fresh one holds. */
  cornerstone?: DemoRegistryOptions['cornerstone'];
  /** Kystkoret's Consio registry; the demo has one, most tests do not. */
  consio?: DemoRegistryOptions['consio'];
  /** The registries change a few members on their own this often, so webhooks and deltas have work. */
  registryActivityMs?: number;
  /** Members in each fresh registry offered for onboarding practice (`demo.registries`); none when absent. */
  onboardingMembers?: number;
  /** A simulated member logs in with Vipps this often (the demo); none when absent. */
  vippsLoginEveryMs?: number;
  /** The enrichment service's clock and retry delays (tests that play a registry outage forward). */
  enrichment?: { clock?: EnrichmentClock; retryDelaysMs?: readonly number[] };
  /** How long a connection test may take; 10 s unless a test shortens it. */
  connectionTestDeadlineMs?: number;
  migrationsDir?: string;
  shimDir?: string;
  workerPollIntervalMs?: number;
  /** Receives log lines already stripped of member data (see describeError). */
  log?: (line: string) => void;
}

export interface EmbeddedHost {
  dispatch(operation: unknown, input: unknown): Promise<BridgeResult>;
  readonly db: Db;
  readonly worker: Worker;
  readonly cornerstone: CornerstoneSim;
  readonly consio: ConsioSim | null;
  readonly onboarding: readonly OnboardingRegistry[];
  readonly directory: DemoDirectory;
  /** The Vipps simulator, the members' app's sign-in and the enrichment service. */
  readonly vipps: DemoVipps;
  close(): Promise<void>;
}

const DEMO_LEGAL_BASIS =
  'Demo: the association must report members by personnummer for its grant from the municipality (objective need for secure identification).';

/**
 * The embedded demo: PGlite, the Cornerstone simulator, the worker loop and the router, all in
 * the main process, with no configuration. Pure Node (no `electron` import), so the end-to-end
 * tests host exactly this behind Chromium.
 */
export async function startEmbeddedHost(options: EmbeddedHostOptions): Promise<EmbeddedHost> {
  const write = options.log ?? ((line: string) => console.error(line));
  const log = (message: string, error: unknown) => write(`${message}: ${describeError(error)}`);
  if (options.dataDir && !options.db) mkdirSync(options.dataDir, { recursive: true });
  const db = options.db ?? (await openPglite(options.dataDir ? { dataDir: options.dataDir } : {}));
  const closeDb = () => (options.db ? Promise.resolve() : db.close());
  let registries: DemoRegistries | null = null;
  let vipps: DemoVipps | null = null;
  try {
    await applyMigrations(db, {
      platformShim: true,
      ...(options.migrationsDir ? { migrationsDir: options.migrationsDir } : {}),
      ...(options.shimDir ? { shimDir: options.shimDir } : {}),
    });
    // This process owns the embedded database: a job still 'running' was left by one that is gone.
    await asCaller(db, { kind: 'service' }, (tx) => requeueAbandonedJobs(tx, 0));
    registries = await startDemoRegistries({
      ...(options.cornerstone ? { cornerstone: options.cornerstone } : {}),
      ...(options.consio ? { consio: options.consio } : {}),
      ...(options.registryActivityMs ? { activityEveryMs: options.registryActivityMs } : {}),
      ...(options.onboardingMembers !== undefined ? { onboardingMembers: options.onboardingMembers } : {}),
    });
    const sim = registries.cornerstone;
    const box = await createCredentialBox(options.credentialKey);
    const { username, password, clientId } = sim.credentials;
    const sealed = await box.seal({ kind: 'user_password_client', username, password, clientId });
    const consio = registries.consio;
    const directory = await seedDemo(db, {
      cornerstoneBaseUrl: sim.url,
      credentialCiphertext: sealed,
      ...(consio
        ? { consio: { baseUrl: consio.url, credentialCiphertext: await box.seal({ kind: 'client_credentials', ...consio.credentials }) } }
        : {}),
    });
    const webhookBaseUrl = await registries.connectWebhooks(db, box);

    const session = new DemoSession(await listAdmins(db));
    // The embedded demo runs its own simulator on this machine, over plain http. The worker and
    // the handlers (a conflict resolved for the app writes to the registry) share one resolver.
    const resolveSource = createSourceResolver(db, box, { allowLoopbackHttp: true });
    const setup = createRegistrySetup(box, {
      allowLoopbackHttp: true,
      webhookBaseUrl,
      ...(options.connectionTestDeadlineMs ? { testDeadlineMs: options.connectionTestDeadlineMs } : {}),
    });
    // Before the worker starts: the demo's people are made from the registries as the first sync will find them.
    vipps = await startDemoVipps({
      db,
      resolveSource,
      registries: { cornerstone: sim, consio },
      log: write,
      ...(options.enrichment?.clock ? { clock: options.enrichment.clock } : {}),
      ...(options.enrichment?.retryDelaysMs ? { retryDelaysMs: options.enrichment.retryDelaysMs } : {}),
    });
    const worker = startWorker({
      db,
      resolveSource,
      pollIntervalMs: options.workerPollIntervalMs ?? 2_000,
      onError: (error) => log('Sync worker error', error),
    });
    const router = createEmbeddedRouter({
      session,
      onboarding: registries.onboarding,
      onInternalError: (operation, error) => log(`Operation ${operation} failed`, error),
    });

    const activeRegistries = registries;
    const activeVipps = vipps;
    const context = () => ({ db, caller: session.caller(), wakeWorker: () => worker.wake(), resolveSource, setup, enrichment: activeVipps.service });
    const activity =
      options.vippsLoginEveryMs === undefined
        ? null
        : startDemoVippsActivity(activeVipps, {
            everyMs: options.vippsLoginEveryMs,
            log: write,
            // Norsk Friluftslag has enrichment on in the demo, switched on by the global admin once its members are in.
            beforeLogin: async () => {
              const { rows } = await db.query<{ ready: boolean }>(
                `select exists (select 1 from sync.members where org_id = $1)
                        and not exists (select 1 from sync.enrichment_settings where org_id = $1) as ready`,
                [DEMO_IDS.organizations.friluftslag],
              );
              if (!rows[0]?.ready) return;
              const answer = await router.dispatch(
                'enrichment.updateSettings',
                { orgId: DEMO_IDS.organizations.friluftslag, enabled: true, legalBasis: DEMO_LEGAL_BASIS },
                { ...context(), caller: { kind: 'user', userId: DEMO_IDS.admins.global, email: 'global@demo.local' } },
              );
              if (!answer.ok) write(`Demo enrichment could not be switched on: ${answer.error.code}`);
            },
          });
    return {
      db,
      worker,
      cornerstone: sim,
      consio,
      onboarding: registries.onboarding,
      directory,
      vipps: activeVipps,
      dispatch: (operation, input) => router.dispatch(operation, input, context()),
      async close() {
        activity?.stop();
        await worker.stop();
        await activeVipps.close();
        await activeRegistries.close();
        await closeDb();
      },
    };
  } catch (error) {
    await vipps?.close();
    await registries?.close();
    await closeDb();
    throw error;
  }
}
