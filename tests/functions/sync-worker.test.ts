// @vitest-environment node
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_IDS, seedDemo } from '../../backend/db/demo-seed.ts';
import { createCredentialBox, generateCredentialKey } from '../../backend/crypto/credential-box.ts';
import { registerBackendHandlers } from '../../backend/handlers/index.ts';
import type { BackendContext } from '../../backend/handlers/context.ts';
import { createRegistrySetup } from '../../backend/handlers/registry-setup.ts';
import { createRouter } from '../../backend/rpc/router.ts';
import { operations } from '../../shared/contract/operations.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { freePort, startFunction, type RunningFunction } from './harness.ts';
import { SYNC_WORKER_ENV } from './worker-project.ts';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.ts';

// Three pages of 1000 (the function's page size): enough slices to stop after the first one and continue.
const MEMBERS = 3_000;
const integrationId = DEMO_IDS.integrations.friluftslagCornerstone;
const OLA = { kind: 'user', userId: DEMO_IDS.admins.ola, email: 'ola@demo.local' } as const;

const serverUrl = process.env.DATABASE_URL;
if (serverUrl === undefined || serverUrl === '') {
  throw new Error('The functions tests need DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
}

describe('sync-worker Edge Function under Deno', () => {
  const secret = randomBytes(32).toString('hex');
  const keyBase64 = generateCredentialKey();
  const keyId = 'functions-test';
  let scratch: ScratchDatabase;
  let sim: CornerstoneSim;
  let worker: RunningFunction;
  const started: RunningFunction[] = [];

  const envFor = (overrides: Partial<Record<(typeof SYNC_WORKER_ENV)[number], string>> = {}): Record<string, string> => ({
    SUPABASE_DB_URL: scratch.url,
    CREDENTIAL_KEY: keyBase64,
    CREDENTIAL_KEY_ID: keyId,
    SYNC_WORKER_SECRET: secret,
    ALLOW_LOOPBACK_HTTP: '1',
    ...overrides,
  });
  const start = async (env: Record<string, string>) => {
    const fn = await startFunction({ name: 'sync-worker', env, allowEnv: SYNC_WORKER_ENV });
    started.push(fn);
    return fn;
  };
  const post = (fn: RunningFunction, authorization: string | null = `Bearer ${secret}`, method = 'POST') =>
    fetch(fn.url, {
      method,
      headers: authorization === null ? {} : { authorization },
      ...(method === 'POST' ? { body: '{}' } : {}),
    });

  const router = createRouter<typeof operations, BackendContext>(operations, { onInternalError: (op, error) => console.error(op, error) });
  registerBackendHandlers(router);
  /** What the console's "Sync now" does: the admin's own request, under RLS. */
  const queueFullSync = async () => {
    const answer = await router.dispatch(
      'sync.start',
      { integrationId },
      {
        db: scratch.db,
        caller: OLA,
        wakeWorker: () => undefined,
        resolveSource: () => Promise.reject(new Error('sync.start does not reach a registry')),
        setup: createRegistrySetup(await createCredentialBox({ keyId, keyBase64 })),
      },
    );
    expect(answer).toMatchObject({ ok: true, value: { alreadyActive: false, job: { status: 'queued' } } });
  };
  const jobs = async () =>
    (
      await scratch.db.query<{ id: string; status: string; claimed_by: string | null; cursor: string | null; processed: number }>(
        'select id, status, claimed_by, cursor, processed from sync.sync_jobs order by requested_at',
      )
    ).rows;
  const memberCounts = async () =>
    (
      await scratch.db.query<{ members: number; links: number; external_ids: number; runs: number; seen: number | null }>(
        `select (select count(*)::int from sync.members) as members,
              (select count(*)::int from sync.member_links) as links,
              (select count(distinct external_id)::int from sync.member_links) as external_ids,
              (select count(*)::int from sync.sync_runs) as runs,
              (select max(records_seen) from sync.sync_runs) as seen`,
      )
    ).rows[0];

  beforeAll(async () => {
    sim = await startCornerstoneSim({ memberCount: MEMBERS, seed: 11 });
    scratch = await createScratchDatabase(serverUrl, { prefix: 'msync_fn' });
    const box = await createCredentialBox({ keyId, keyBase64 });
    const { username, password, clientId } = sim.credentials;
    // The demo integrations point at this run's simulator, their credentials sealed with the key the function gets.
    await seedDemo(scratch.db, {
      cornerstoneBaseUrl: sim.url,
      credentialCiphertext: await box.seal({ kind: 'user_password_client', username, password, clientId }),
    });
    worker = await start(envFor());
  });

  afterAll(async () => {
    await Promise.all(started.map((fn) => fn.stop()));
    await scratch?.drop();
    await sim?.close();
  });

  beforeEach(async () => {
    sim.resetFaults();
    await scratch.db.exec('delete from sync.sync_runs; delete from sync.sync_jobs; delete from sync.member_links; delete from sync.members;');
  });

  it('refuses a caller without the secret, touching nothing', async () => {
    await queueFullSync();
    for (const authorization of [null, 'Bearer wrong', `Bearer ${secret}x`, `Basic ${secret}`, secret, 'Bearer ']) {
      const response = await post(worker, authorization);
      expect(response.status, `Authorization: ${authorization}`).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized' });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const get = await post(worker, null, 'GET');
    expect(get.status).toBe(401);
    await get.body?.cancel();
    expect(await jobs()).toMatchObject([{ status: 'queued', claimed_by: null, processed: 0 }]);
  });

  it('answers 405 to a GET that carries the secret', async () => {
    const response = await post(worker, `Bearer ${secret}`, 'GET');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toEqual({ error: 'method_not_allowed' });
    expect(await jobs()).toEqual([]);
  });

  it('runs a queued full sync to the end and reports each job', async () => {
    await queueFullSync();
    const [job] = await jobs();
    const response = await post(worker);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body: unknown = await response.json();
    expect(body).toEqual({
      workerId: expect.stringMatching(/^edge-[0-9a-f-]{36}$/),
      requeued: 0,
      scheduled: 0,
      jobs: [{ jobId: job?.id, integrationId, kind: 'full', outcome: 'succeeded' }],
      cpuMs: expect.any(Number),
    });
    // Deno's CPU clock counted the work: three pages fetched, parsed and written cost something.
    expect((body as { cpuMs: number }).cpuMs).toBeGreaterThan(0);
    expect(await jobs()).toMatchObject([{ status: 'succeeded', claimed_by: null, processed: MEMBERS }]);
    expect(await memberCounts()).toEqual({ members: sim.memberCount, links: MEMBERS, external_ids: MEMBERS, runs: 1, seen: MEMBERS });

    // Nothing left to do: a second call claims nothing.
    const idle = await post(worker);
    expect(await idle.json()).toMatchObject({ requeued: 0, jobs: [] });
  });

  it('hands the job back at its deadline, and the next invocation finishes it without duplicates', async () => {
    // Every simulator answer takes 1.6 s, so the first slice alone outlasts a 1.5 s budget,
    // while claiming the job (well within it) still happens.
    const hurried = await start(envFor({ WORKER_BUDGET_MS: '1500' }));
    await queueFullSync();
    sim.setLatency(1_600);
    const first = await post(hurried);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ jobs: [{ integrationId, outcome: 'yielded' }] });
    const [paused] = await jobs();
    expect(paused).toMatchObject({ status: 'queued', claimed_by: null, processed: 1_000 });
    expect(paused?.cursor).not.toBeNull();
    expect(await memberCounts()).toMatchObject({ members: 1_000, runs: 1 });
    await hurried.stop();

    sim.resetFaults();
    const second = await post(worker);
    expect(await second.json()).toMatchObject({ jobs: [{ jobId: paused?.id, outcome: 'succeeded' }] });
    expect(await jobs()).toMatchObject([{ status: 'succeeded', processed: MEMBERS }]);
    expect(await memberCounts()).toEqual({ members: MEMBERS, links: MEMBERS, external_ids: MEMBERS, runs: 1, seen: MEMBERS });
  });

  it('hands the job back when its CPU budget has no room for another slice, and never counts that as a stall', async () => {
    // A budget of 1 ms is used up by the first page: each invocation writes one page and hands
    // the job back at its checkpoint, so three pages take three invocations.
    const frugal = await start(envFor({ WORKER_CPU_BUDGET_MS: '1' }));
    await queueFullSync();
    const [queued] = await jobs();
    const outcomes: string[] = [];
    for (let invocation = 1; invocation <= 3; invocation++) {
      const response = await post(frugal);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { jobs: Array<{ jobId: string; outcome: string }>; cpuMs: number };
      expect(body.jobs.map((job) => job.jobId)).toEqual([queued?.id]);
      expect(body.cpuMs).toBeGreaterThan(1);
      outcomes.push(body.jobs[0]?.outcome ?? 'none');
      const { rows } = await scratch.db.query<{ status: string; attempt: number; processed: number }>(
        'select status, attempt, processed from sync.sync_jobs',
      );
      // A handback gives back the attempt its claim counted: a thousand invocations are no stall.
      if (invocation < 3) expect(rows[0]).toEqual({ status: 'queued', attempt: 0, processed: invocation * 1_000 });
    }
    expect(outcomes).toEqual(['yielded', 'yielded', 'succeeded']);
    expect(await jobs()).toMatchObject([{ status: 'succeeded', processed: MEMBERS }]);
    expect(await memberCounts()).toEqual({ members: MEMBERS, links: MEMBERS, external_ids: MEMBERS, runs: 1, seen: MEMBERS });
  });

  it('refuses a CPU budget beyond what Supabase allows', async () => {
    for (const value of ['0', '2001', '1.5', 'lots']) {
      const failure = await start(envFor({ WORKER_CPU_BUDGET_MS: value })).catch((error: unknown) => error);
      expect((failure as Error).message, value).toContain('WORKER_CPU_BUDGET_MS must be a whole number of milliseconds from 1 to 2000');
    }
  });

  it('answers a bare 500 when the database cannot be reached, and logs what happened', async () => {
    const closedPort = await freePort();
    const password = 'not-a-real-password-4711';
    const unreachable = await start(envFor({ SUPABASE_DB_URL: `postgres://postgres:${password}@127.0.0.1:${closedPort}/nowhere` }));
    const response = await post(unreachable);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal' });
    for (const internal of ['ECONNREFUSED', '127.0.0.1', String(closedPort), password, 'at ']) expect(text).not.toContain(internal);
    expect(unreachable.stderr()).toContain('sync-worker: request failed');
    expect(unreachable.stderr()).toContain('ECONNREFUSED');
    expect(unreachable.stderr()).not.toContain(password);
  });

  it('refuses to start without its settings, naming what is missing and no value', async () => {
    const { CREDENTIAL_KEY: _key, SYNC_WORKER_SECRET: _secret, ...incomplete } = envFor();
    const failure = await start(incomplete).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain('Missing environment variables: CREDENTIAL_KEY, SYNC_WORKER_SECRET');
    expect(message).not.toContain(scratch.url);

    const weak = await start(envFor({ SYNC_WORKER_SECRET: 'short' })).catch((error: unknown) => error);
    expect((weak as Error).message).toContain('SYNC_WORKER_SECRET must be at least 32 characters long');
  });
});
