// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberIdForIndex } from '../../sim/cornerstone/records.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.ts';
import { EDGE_CPU_LIMIT_MS, EDGE_HEAP_FLAGS, EDGE_MEMORY_LIMIT_BYTES } from './edge-limits.ts';
import { startFunction, type RunningFunction } from './harness.ts';
import { readProcessMemory } from './process-memory.ts';
import { sendWebhookBurst } from './webhook-burst.ts';
import { runWorkerUntilIdle, seedWorkerProject, SYNC_WORKER_ENV, WEBHOOK_ENV, WORKER_INTEGRATION_ID, type WorkerProject } from './worker-project.ts';

// Twenty pages of 1000 (the worker's page size): enough for the heap to settle into its
// page-by-page pattern and for a leak per page to show, in a few seconds of syncing.
const MEMBERS = 20_000;
// The default budget (1.5 s) syncs 20 000 members in one invocation here. A small one makes the
// same sync take several, each handing the job back, as a large organization's does: the
// isolate lives on between them, so whatever one invocation leaves behind adds up.
const CPU_BUDGET_MS = '250';
const DELIVERIES = 500;
const CONCURRENT_DELIVERIES = 10;

const serverUrl = process.env.DATABASE_URL;
if (serverUrl === undefined || serverUrl === '') {
  throw new Error('The functions tests need DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
}

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/**
 * Supabase gives a function 256 MB. Each function runs here with V8's heap capped to that
 * (EDGE_HEAP_FLAGS), so a heap that outgrows it ends the process as the platform would, and the
 * kernel's high-water mark of the whole Deno process (VmHWM: heap, code, buffers, start-up) must
 * stay under it too.
 */
describe('Edge Functions within Supabase’s 256 MB under Deno', () => {
  let sim: CornerstoneSim;
  let scratch: ScratchDatabase;
  let project: WorkerProject;
  const started: RunningFunction[] = [];

  beforeAll(async () => {
    sim = await startCornerstoneSim({ memberCount: MEMBERS, seed: 23 });
    scratch = await createScratchDatabase(serverUrl, { prefix: 'msync_fn' });
    project = await seedWorkerProject(scratch, sim);
  });

  afterAll(async () => {
    await Promise.all(started.map((fn) => fn.stop()));
    await scratch?.drop();
    await sim?.close();
  });

  it(`sync-worker runs a full sync of ${MEMBERS} members to the end, invocation after invocation, under 256 MiB`, async () => {
    const worker = await startFunction({
      name: 'sync-worker',
      env: project.syncWorkerEnv({ WORKER_CPU_BUDGET_MS: CPU_BUDGET_MS }),
      allowEnv: SYNC_WORKER_ENV,
      v8Flags: EDGE_HEAP_FLAGS,
    });
    started.push(worker);
    const jobId = await project.queueFullSync();

    const run = await runWorkerUntilIdle({ worker, secret: project.workerSecret, db: scratch.db, jobId, maxInvocations: 60 });
    // Every call answered 200 (a process ended by V8's heap cap answers nothing) and the job ended.
    expect(
      run.invocations.map((invocation) => invocation.status),
      worker.stderr().slice(-3_000),
    ).toEqual(run.invocations.map(() => 200));
    expect(run.idle).toBe(true);
    const memory = await readProcessMemory(worker.pid);
    console.info(
      `sync-worker: ${MEMBERS} members in ${run.invocations.length} invocations; peak RSS ${mib(memory.peakRssBytes)}, RSS at the end ${mib(memory.rssBytes)}`,
    );

    // Handed back along the way, then finished; handbacks give their attempt back, so more than one would be a stall.
    expect(run.invocations.length).toBeGreaterThan(1);
    const outcomes = run.invocations.flatMap((invocation) => invocation.answer?.jobs.map((job) => job.outcome) ?? []);
    expect(outcomes.at(-1)).toBe('succeeded');
    expect(new Set(outcomes)).toEqual(new Set(['yielded', 'succeeded']));
    // Each invocation stopped by its own budget, far from where the platform would have ended it.
    const cpu = run.invocations.map((invocation) => invocation.answer?.cpuMs ?? Number.POSITIVE_INFINITY);
    expect(Math.max(...cpu)).toBeLessThan(EDGE_CPU_LIMIT_MS);
    expect(run.job).toMatchObject({ status: 'succeeded', processed: MEMBERS, error_code: null });
    expect(run.job.attempt).toBeLessThanOrEqual(1);
    const { rows } = await scratch.db.query<{ members: number; links: number; external_ids: number }>(
      `select (select count(*)::int from sync.members) as members,
              (select count(*)::int from sync.member_links where integration_id = $1) as links,
              (select count(distinct external_id)::int from sync.member_links where integration_id = $1) as external_ids`,
      [WORKER_INTEGRATION_ID],
    );
    expect(rows[0]).toEqual({ members: MEMBERS, links: MEMBERS, external_ids: MEMBERS });

    expect(memory.peakRssBytes).toBeLessThan(EDGE_MEMORY_LIMIT_BYTES);
  });

  it(`cornerstone-webhook takes a burst of ${DELIVERIES} signed deliveries, ${CONCURRENT_DELIVERIES} at a time, under 256 MiB`, async () => {
    const webhook = await startFunction({ name: 'cornerstone-webhook', env: project.webhookEnv(), allowEnv: WEBHOOK_ENV, v8Flags: EDGE_HEAP_FLAGS });
    started.push(webhook);
    // Members spread over the register; members the sync above has not written are created.
    const memberIds = Array.from({ length: DELIVERIES }, (_, i) => memberIdForIndex((i * 7_919) % MEMBERS));
    const burst = await sendWebhookBurst({
      endpoint: new URL(`functions/v1/cornerstone-webhook/${WORKER_INTEGRATION_ID}`, webhook.url).toString(),
      secret: project.webhookSecret,
      memberIds,
      concurrency: CONCURRENT_DELIVERIES,
      tag: 'burst',
    });
    const memory = await readProcessMemory(webhook.pid);
    console.info(
      `cornerstone-webhook: ${DELIVERIES} deliveries in ${(burst.wallMs / 1000).toFixed(1)} s; peak RSS ${mib(memory.peakRssBytes)}, RSS at the end ${mib(memory.rssBytes)}`,
    );

    expect(Object.fromEntries(burst.answers), webhook.stderr().slice(-3_000)).toEqual({ '200 applied': DELIVERIES });
    const { rows } = await scratch.db.query<{ events: number; applied: number }>(
      `select count(*)::int as events, count(*) filter (where outcome = 'applied')::int as applied
         from sync.webhook_events where integration_id = $1`,
      [WORKER_INTEGRATION_ID],
    );
    expect(rows[0]).toEqual({ events: DELIVERIES, applied: DELIVERIES });

    expect(memory.peakRssBytes).toBeLessThan(EDGE_MEMORY_LIMIT_BYTES);
  });
});
