import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../backend/db/port.ts';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS, seedDemo } from '../../backend/db/demo-seed.ts';
import { createCredentialBox, generateCredentialKey, type CredentialBox } from '../../backend/crypto/credential-box.ts';
import { registerBackendHandlers } from '../../backend/handlers/index.ts';
import type { BackendContext } from '../../backend/handlers/context.ts';
import { createRegistrySetup } from '../../backend/handlers/registry-setup.ts';
import { createRouter } from '../../backend/rpc/router.ts';
import { operations } from '../../shared/contract/operations.ts';
import type { RunningFunction } from './harness.ts';

/**
 * The demo on a scratch database as the `sync-worker` and `cornerstone-webhook` functions meet it,
 * for the memory test and the worker-limits benchmark: Norsk Friluftslag's Cornerstone integration
 * pointing at a simulator with sealed credentials and a webhook secret, a full sync queued as the
 * console's "Sync now" queues it, and the worker called as pg_cron calls it until the job ends.
 */

export const WORKER_INTEGRATION_ID = DEMO_IDS.integrations.friluftslagCornerstone;

/** Every variable `sync-worker` reads (its config.ts). */
export const SYNC_WORKER_ENV = [
  'SUPABASE_DB_URL',
  'CREDENTIAL_KEY',
  'CREDENTIAL_KEY_ID',
  'SYNC_WORKER_SECRET',
  'WORKER_BUDGET_MS',
  'WORKER_CPU_BUDGET_MS',
  'ALLOW_LOOPBACK_HTTP',
] as const;

/** Every variable `cornerstone-webhook` reads (its config.ts). */
export const WEBHOOK_ENV = ['SUPABASE_DB_URL', 'CREDENTIAL_KEY', 'CREDENTIAL_KEY_ID'] as const;

const OLA = { kind: 'user', userId: DEMO_IDS.admins.ola, email: 'ola@demo.local' } as const;

export interface WorkerProject {
  box: CredentialBox;
  /** The secret signing Cornerstone's deliveries to this integration. */
  webhookSecret: string;
  /** The bearer secret pg_cron sends to `sync-worker`. */
  workerSecret: string;
  /** `sync-worker`'s environment; `overrides` sets its budgets. */
  syncWorkerEnv(overrides?: Partial<Record<(typeof SYNC_WORKER_ENV)[number], string>>): Record<string, string>;
  webhookEnv(): Record<string, string>;
  /** Ola's "Sync now" (a full sync) through the router, under RLS; the queued job's id. */
  queueFullSync(): Promise<string>;
}

export async function seedWorkerProject(
  scratch: { db: Db; url: string },
  sim: { url: string; credentials: { username: string; password: string; clientId: string } },
): Promise<WorkerProject> {
  const credentialKey = { keyId: 'worker-limits', keyBase64: generateCredentialKey() };
  const box = await createCredentialBox(credentialKey);
  const { username, password, clientId } = sim.credentials;
  await seedDemo(scratch.db, {
    cornerstoneBaseUrl: sim.url,
    credentialCiphertext: await box.seal({ kind: 'user_password_client', username, password, clientId }),
  });
  const webhookSecret = `whsec-${randomBytes(16).toString('hex')}`;
  const sealed = await box.sealWebhookSecret(webhookSecret);
  await asCaller(scratch.db, { kind: 'service' }, (tx) =>
    tx.query(`insert into sync.webhook_secrets (integration_id, ciphertext, key_id) values ($1, $2, $3)`, [
      WORKER_INTEGRATION_ID,
      sealed.ciphertext,
      sealed.keyId,
    ]),
  );
  const workerSecret = randomBytes(32).toString('hex');
  const shared = { SUPABASE_DB_URL: scratch.url, CREDENTIAL_KEY: credentialKey.keyBase64, CREDENTIAL_KEY_ID: credentialKey.keyId };

  const router = createRouter<typeof operations, BackendContext>(operations, { onInternalError: (op, error) => console.error(op, error) });
  registerBackendHandlers(router);
  const context: BackendContext = {
    db: scratch.db,
    caller: OLA,
    wakeWorker: () => undefined,
    resolveSource: () => Promise.reject(new Error('sync.start does not reach a registry')),
    setup: createRegistrySetup(box),
  };

  return {
    box,
    webhookSecret,
    workerSecret,
    syncWorkerEnv: (overrides = {}) => ({ ...shared, SYNC_WORKER_SECRET: workerSecret, ALLOW_LOOPBACK_HTTP: '1', ...overrides }),
    webhookEnv: () => ({ ...shared }),
    async queueFullSync() {
      const answer = await router.dispatch('sync.start', { integrationId: WORKER_INTEGRATION_ID }, context);
      if (!answer.ok) throw new Error(`sync.start failed: ${answer.error.code}`);
      const started = operations['sync.start'].output.parse(answer.value);
      if (started.alreadyActive) throw new Error(`sync.start found job ${started.job.id} already active`);
      return started.job.id;
    },
  };
}

/** `sync-worker`'s answer; `cpuMs` is the CPU the invocation used by its own clock. */
export const WorkerAnswer = z.object({
  workerId: z.string(),
  requeued: z.number(),
  scheduled: z.number(),
  cpuMs: z.number(),
  jobs: z.array(z.object({ jobId: z.string(), integrationId: z.string(), kind: z.string(), outcome: z.string() })),
});
export type WorkerAnswer = z.infer<typeof WorkerAnswer>;

export interface WorkerInvocation {
  /** The HTTP status; null when no answer came (the process died, the connection broke). */
  status: number | null;
  /** The parsed body of a 200. */
  answer: WorkerAnswer | null;
  wallMs: number;
  /** The job's `processed` after this invocation. */
  processed: number;
  /** CPU of the function's process across the call, when `processCpuMs` was given. */
  processCpuMs: number | null;
}

export interface WorkerJobRow {
  status: string;
  attempt: number;
  processed: number;
  error_code: string | null;
}

export interface WorkerRun {
  invocations: WorkerInvocation[];
  /** The job as it was left: `attempt` above 1 means an invocation stalled (a handback gives its attempt back). */
  job: WorkerJobRow;
  /** Whether the last invocation left no job queued or running (false: stopped at `maxInvocations` or a missing answer). */
  idle: boolean;
}

async function jobRow(db: Db, jobId: string): Promise<WorkerJobRow> {
  const { rows } = await db.query<WorkerJobRow>(`select status, attempt, processed, error_code from sync.sync_jobs where id = $1`, [jobId]);
  if (!rows[0]) throw new Error(`job ${jobId} is gone`);
  return rows[0];
}

async function activeJobs(db: Db): Promise<number> {
  const { rows } = await db.query<{ active: number }>(`select count(*)::int as active from sync.sync_jobs where status in ('queued', 'running')`);
  return rows[0]?.active ?? 0;
}

/**
 * POSTs to the worker back to back, as pg_cron would with no pause, until no job is queued or
 * running. A non-200 answer is recorded and the next call made, as pg_cron's next tick would;
 * no answer at all (the process gone) ends the run.
 */
export async function runWorkerUntilIdle(options: {
  worker: RunningFunction;
  secret: string;
  db: Db;
  jobId: string;
  maxInvocations: number;
  /** The function process's CPU so far (e.g. from /proc), read around each call. */
  processCpuMs?: () => Promise<number>;
  onInvocation?: (invocation: WorkerInvocation, index: number) => void;
}): Promise<WorkerRun> {
  const invocations: WorkerInvocation[] = [];
  let idle = false;
  while (invocations.length < options.maxInvocations) {
    const cpuBefore = options.processCpuMs ? await options.processCpuMs() : null;
    const started = performance.now();
    let status: number | null = null;
    let text = '';
    try {
      const response = await fetch(options.worker.url, { method: 'POST', headers: { authorization: `Bearer ${options.secret}` }, body: '{}' });
      text = await response.text();
      status = response.status;
    } catch {
      // No answer, or it broke off: the status stays null.
    }
    const wallMs = performance.now() - started;
    // A 200 in another shape is the worker's bug, not a missing answer: it throws.
    const answer = status === 200 ? WorkerAnswer.parse(JSON.parse(text)) : null;
    const cpuAfter = options.processCpuMs && status !== null ? await options.processCpuMs() : null;
    const invocation: WorkerInvocation = {
      status,
      answer,
      wallMs,
      processed: (await jobRow(options.db, options.jobId)).processed,
      processCpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    };
    invocations.push(invocation);
    options.onInvocation?.(invocation, invocations.length - 1);
    if (status === null) break;
    if ((await activeJobs(options.db)) === 0) {
      idle = true;
      break;
    }
  }
  return { invocations, job: await jobRow(options.db, options.jobId), idle };
}
