// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/port.ts';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS, seedDemo } from '../../backend/db/demo-seed.ts';
import { createCredentialBox, generateCredentialKey, type CredentialBox } from '../../backend/crypto/credential-box.ts';
import { createSourceResolver } from '../../backend/engine/source-resolver.ts';
import { claimNextJob, MAX_ATTEMPTS, requeueAbandonedJobs, yieldJob } from '../../backend/engine/job-store.ts';
import type { CpuBudget } from '../../backend/engine/cpu-budget.ts';
import { SourceError, type MemberSource } from '../../backend/adapters/member-source.ts';
import { runListingSync as runFullSync } from '../../backend/engine/listing-sync.ts';
import { startWorker } from '../../backend/engine/worker.ts';
import { createRouter } from '../../backend/rpc/router.ts';
import { registerBackendHandlers } from '../../backend/handlers/index.ts';
import type { BackendContext } from '../../backend/handlers/context.ts';
import { createRegistrySetup } from '../../backend/handlers/registry-setup.ts';
import { operations } from '../../shared/contract/operations.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { databaseTargets, openMigrated } from './harness.ts';

const MEMBERS = 3_000;
// The simulator listens on 127.0.0.1 over plain http.
const LOOPBACK = { allowLoopbackHttp: true };
const SERVICE = { kind: 'service' } as const;
const OLA = { kind: 'user', userId: DEMO_IDS.admins.ola, email: 'ola@demo.local' } as const;
const integrationId = DEMO_IDS.integrations.friluftslagCornerstone;

describe.each(databaseTargets())('full sync on $name', (target) => {
  let db: Db;
  let sim: CornerstoneSim;
  let box: CredentialBox;

  beforeAll(async () => {
    sim = await startCornerstoneSim({ memberCount: MEMBERS, seed: 7 });
    db = await openMigrated(target);
    box = await createCredentialBox({ keyId: 'test', keyBase64: generateCredentialKey() });
    const { username, password, clientId } = sim.credentials;
    await seedDemo(db, {
      cornerstoneBaseUrl: sim.url,
      credentialCiphertext: await box.seal({ kind: 'user_password_client', username, password, clientId }),
    });
  });

  afterAll(async () => {
    await db?.close();
    await sim?.close();
  });

  const router = createRouter<typeof operations, BackendContext>(operations, { onInternalError: (op, error) => console.error(op, error) });
  registerBackendHandlers(router);
  const call = (operation: string, input: unknown, caller: BackendContext['caller'] = OLA) =>
    router.dispatch(operation, input, {
      db,
      caller,
      wakeWorker: () => undefined,
      resolveSource: createSourceResolver(db, box, LOOPBACK),
      setup: createRegistrySetup(box, LOOPBACK),
    });
  const resetSyncState = () =>
    db.exec('delete from sync.sync_runs; delete from sync.sync_jobs; delete from sync.member_links; delete from sync.members;');

  it('pulls every member over HTTP, records the run, and stores no personnummer', async () => {
    await resetSyncState();
    const started = await call('sync.start', { integrationId });
    expect(started).toMatchObject({ ok: true, value: { alreadyActive: false, job: { status: 'queued' } } });
    expect(await call('sync.start', { integrationId })).toMatchObject({ ok: true, value: { alreadyActive: true } });

    const worker = startWorker({ db, resolveSource: createSourceResolver(db, box, LOOPBACK), pollIntervalMs: 50 });
    await worker.idle();
    await worker.stop();

    const { rows: runs } = await db.query('select status, records_total, records_seen, records_created, records_quarantined from sync.sync_runs');
    expect(runs).toEqual([{ status: 'succeeded', records_total: MEMBERS, records_seen: MEMBERS, records_created: MEMBERS, records_quarantined: 0 }]);
    const { rows: counts } = await db.query<{ members: number; links: number; with_pnr: number }>(
      `select (select count(*)::int from sync.members) as members,
              (select count(distinct external_id)::int from sync.member_links) as links,
              (select count(*)::int from sync.members where has_personnummer) as with_pnr`,
    );
    expect(counts[0]?.members).toBe(MEMBERS);
    expect(counts[0]?.links).toBe(MEMBERS);
    const expectedWithPnr = Array.from({ length: MEMBERS }, (_, index) => sim.member(index)).filter((m) => m.nationalIdentityNumber).length;
    expect(counts[0]?.with_pnr).toBe(expectedWithPnr);

    // Every table the sync writes, dumped whole: no source personnummer may appear anywhere.
    const { rows: dump } = await db.query<{ text: string }>(
      `select string_agg(t::text, E'\\n') as text from (
         select to_jsonb(m) - 'id' - 'org_id' as t from sync.members m
         union all select to_jsonb(l) - 'member_id' - 'org_id' - 'integration_id' - 'first_seen_run_id' from sync.member_links l
         union all select to_jsonb(r) from sync.sync_runs r
         union all select to_jsonb(j) from sync.sync_jobs j) rows`,
    );
    const everything = dump[0]?.text ?? '';
    const sourceNumbers = Array.from({ length: MEMBERS }, (_, index) => sim.member(index).nationalIdentityNumber).filter(
      (value): value is string => value !== null,
    );
    expect(sourceNumbers.length).toBeGreaterThan(0);
    expect(sourceNumbers.filter((pnr) => everything.includes(pnr))).toEqual([]);

    const health = await call('health.list', {});
    expect(health).toMatchObject({ ok: true, value: [{ integrationId, health: 'healthy', memberCount: MEMBERS }] });
  });

  it('stops after any slice and continues from its checkpoint, with nothing lost or applied twice', async () => {
    await resetSyncState();
    await call('sync.start', { integrationId });
    const resolve = () => createSourceResolver(db, box, LOOPBACK)(integrationId);

    // First invocation: a deadline already passed, so it yields after exactly one slice.
    const first = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'invocation-1'));
    if (!first) throw new Error('no job to claim');
    expect(await runFullSync(db, first, resolve, { workerId: 'invocation-1', deadline: 0 })).toBe('yielded');
    const { rows: paused } = await db.query<{ status: string; cursor: string; processed: number }>(
      'select status, cursor, processed from sync.sync_jobs',
    );
    expect(paused[0]?.status).toBe('queued');
    expect(paused[0]?.processed).toBeGreaterThan(0);
    expect(paused[0]?.processed).toBeLessThan(MEMBERS);

    // Second invocation claims it, dies mid-run (heartbeat goes stale), and a third takes over.
    const second = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'invocation-2'));
    expect(second?.cursor).toBe(paused[0]?.cursor);
    await db.exec(`update sync.sync_jobs set heartbeat_at = now() - interval '10 minutes'`);
    expect(await asCaller(db, SERVICE, (tx) => requeueAbandonedJobs(tx, 120))).toBe(1);
    const third = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'invocation-3'));
    if (!third || !second) throw new Error('no job to claim');
    // The handback gave its attempt back: only the stall counts.
    expect(third.attempt).toBe(2);
    expect(await runFullSync(db, third, resolve, { workerId: 'invocation-3' })).toBe('succeeded');
    // The dead invocation wakes up late: it may not write a single record.
    expect(await runFullSync(db, second, resolve, { workerId: 'invocation-2' })).toBe('lost');

    const { rows } = await db.query<{ runs: number; seen: number; members: number; job: string }>(
      `select (select count(*)::int from sync.sync_runs) as runs,
              (select records_seen from sync.sync_runs) as seen,
              (select count(*)::int from sync.members) as members,
              (select status from sync.sync_jobs) as job`,
    );
    expect(rows[0]).toEqual({ runs: 1, seen: MEMBERS, members: MEMBERS, job: 'succeeded' });
  });

  it('an admin cancels a running job: it stops at its next checkpoint, cannot be revived, and its run ends as cancelled', async () => {
    await resetSyncState();
    await call('sync.start', { integrationId });
    const job = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'w'));
    if (!job) throw new Error('no job to claim');
    const real = await createSourceResolver(db, box, LOOPBACK)(integrationId);
    let pagesAsked = 0;
    // The admin cancels once the first page is written. The engine fetches the second page
    // while it writes the first, so that fetch is held until the cancel has committed.
    let cancel: () => void = () => undefined;
    const cancelled = new Promise<void>((resolve) => {
      cancel = () => {
        void asCaller(db, OLA, (tx) => tx.query(`update sync.sync_jobs set status = 'cancelled' where id = $1`, [job.id])).then(() => resolve());
      };
    });
    const cancelling: MemberSource = {
      ...real,
      listMembers: async (cursor) => {
        if (++pagesAsked === 2) await cancelled;
        return real.listMembers(cursor);
      },
    };
    let slices = 0;
    const outcome = await runFullSync(db, job, async () => cancelling, {
      workerId: 'w',
      onProgress: () => {
        if (++slices === 1) cancel();
      },
    });
    expect(outcome).toBe('cancelled');
    const { rows } = await db.query<{ job: string; run: string; finished: boolean; seen: number }>(
      `select j.status as job, r.status as run, r.finished_at is not null as finished, r.records_seen as seen
         from sync.sync_jobs j join sync.sync_runs r on r.job_id = j.id`,
    );
    expect(rows[0]).toMatchObject({ job: 'cancelled', run: 'cancelled', finished: true });
    expect(slices).toBe(1);
    expect(rows[0]?.seen).toBe(500);
    // A worker handing the job back (deadline or shutdown) cannot requeue a cancelled job.
    expect(await asCaller(db, SERVICE, (tx) => yieldJob(tx, job.id, 'w'))).toBe(false);
    expect(await db.query('select status from sync.sync_jobs')).toMatchObject({ rows: [{ status: 'cancelled' }] });
    expect(rows[0]?.seen).toBeLessThan(MEMBERS);
  });

  it("a stalled worker's late failure cannot touch the job another worker took over", async () => {
    await resetSyncState();
    await call('sync.start', { integrationId });
    const stalled = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'stalled'));
    await db.exec(`update sync.sync_jobs set heartbeat_at = now() - interval '10 minutes'`);
    await asCaller(db, SERVICE, (tx) => requeueAbandonedJobs(tx, 120));
    const current = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'current'));
    if (!stalled || !current) throw new Error('no job to claim');
    const refuse = async (): Promise<never> => {
      throw new SourceError('source_auth_failed', 'rejected', { actor: 'org_admin', retryable: false });
    };
    // A registry that refuses everything: the one hand-made source here, because the point is
    // what a stalled worker does with a failure, not how the failure arises.
    const broken: MemberSource = {
      system: 'cornerstone',
      testConnection: refuse,
      listMembers: refuse,
      listMembersChangedSince: refuse,
      updateMember: refuse,
      writePersonnummer: refuse,
    };
    // openRun refuses the stalled worker outright; with the run opened, the failure path refuses too.
    expect(await runFullSync(db, stalled, async () => broken, { workerId: 'stalled' })).toBe('lost');
    const { rows } = await db.query<{ status: string; claimed_by: string }>('select status, claimed_by from sync.sync_jobs');
    expect(rows[0]).toEqual({ status: 'running', claimed_by: 'current' });
    expect(await runFullSync(db, current, () => createSourceResolver(db, box, LOOPBACK)(integrationId), { workerId: 'current' })).toBe('succeeded');
  });

  it(`fails a job that has stalled ${MAX_ATTEMPTS} times instead of requeueing it for ever`, async () => {
    await resetSyncState();
    await call('sync.start', { integrationId });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const job = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, `crashing-${attempt}`));
      expect(job?.attempt).toBe(attempt);
      await db.exec(`update sync.sync_jobs set heartbeat_at = now() - interval '10 minutes'`);
      await asCaller(db, SERVICE, (tx) => requeueAbandonedJobs(tx, 120));
    }
    const { rows } = await db.query<{ status: string; error_code: string }>('select status, error_code from sync.sync_jobs');
    expect(rows[0]).toEqual({ status: 'failed', error_code: 'internal' });
    expect(await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'next'))).toBeNull();
  });

  it('leaves the last page, which finishes the run, to an invocation that starts with a whole CPU budget', async () => {
    await resetSyncState();
    await call('sync.start', { integrationId });
    // Pages of 1 000: three in all. The budget has room when the first two arrive and none when the last does.
    const resolve = () => createSourceResolver(db, box, { ...LOOPBACK, pageSize: 1_000 })(integrationId);
    const answers = [true, true];
    const budget: CpuBudget = { usedMs: () => 0, lap: () => undefined, restartLaps: () => undefined, hasRoomFor: () => answers.shift() ?? false };
    const first = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'invocation-1'));
    if (!first) throw new Error('no job to claim');
    expect(await runFullSync(db, first, resolve, { workerId: 'invocation-1', cpuBudget: budget })).toBe('yielded');
    const { rows: paused } = await db.query<{ status: string; processed: number }>('select status, processed from sync.sync_jobs');
    expect(paused[0]).toEqual({ status: 'queued', processed: 2_000 });

    // The next invocation meets the last page first, and writes it whatever its budget says.
    const second = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'invocation-2'));
    if (!second) throw new Error('no job to claim');
    const spent: CpuBudget = { ...budget, hasRoomFor: () => false };
    expect(await runFullSync(db, second, resolve, { workerId: 'invocation-2', cpuBudget: spent })).toBe('succeeded');
    const { rows } = await db.query<{ seen: number; members: number }>(
      `select (select records_seen from sync.sync_runs) as seen, (select count(*)::int from sync.members) as members`,
    );
    expect(rows[0]).toEqual({ seen: MEMBERS, members: MEMBERS });
  });

  it('never counts a handback as a stall, however many invocations a job takes', async () => {
    await resetSyncState();
    await call('sync.start', { integrationId });
    for (let invocation = 1; invocation <= MAX_ATTEMPTS * 2; invocation++) {
      const job = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, `invocation-${invocation}`));
      expect(job?.attempt).toBe(1);
      if (!job) throw new Error('no job to claim');
      expect(await asCaller(db, SERVICE, (tx) => yieldJob(tx, job.id, `invocation-${invocation}`))).toBe(true);
    }
    // Then one invocation is killed mid-slice: its job is requeued as a first stall, not failed.
    await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'killed'));
    await db.exec(`update sync.sync_jobs set heartbeat_at = now() - interval '10 minutes'`);
    expect(await asCaller(db, SERVICE, (tx) => requeueAbandonedJobs(tx, 120))).toBe(1);
    const { rows } = await db.query<{ status: string; attempt: number }>('select status, attempt from sync.sync_jobs');
    expect(rows[0]).toEqual({ status: 'queued', attempt: 1 });
  });

  it("requeues a job as soon as its invocation's lease has run out, heartbeat or not", async () => {
    await resetSyncState();
    await call('sync.start', { integrationId });
    const until = new Date(Date.now() + 60_000);
    const job = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'edge-1', { until }));
    expect(job).not.toBeNull();
    const leased = await db.query<{ lease_until: Date }>('select lease_until from sync.sync_jobs');
    expect(new Date(leased.rows[0]?.lease_until ?? 0).getTime()).toBe(until.getTime());
    // Within its lease and with a fresh heartbeat it is left alone.
    expect(await asCaller(db, SERVICE, (tx) => requeueAbandonedJobs(tx, 120))).toBe(0);
    // The platform ended the invocation: the lease runs out while the heartbeat is still young.
    await db.exec(`update sync.sync_jobs set lease_until = now() - interval '1 second', heartbeat_at = now()`);
    expect(await asCaller(db, SERVICE, (tx) => requeueAbandonedJobs(tx, 120))).toBe(1);
    const { rows } = await db.query<{ status: string; claimed_by: string | null; lease_until: Date | null }>(
      'select status, claimed_by, lease_until from sync.sync_jobs',
    );
    expect(rows[0]).toEqual({ status: 'queued', claimed_by: null, lease_until: null });
  });

  it('tells the admin to enter the credentials again when they were sealed with another key', async () => {
    await resetSyncState();
    const otherKey = await createCredentialBox({ keyId: 'test', keyBase64: generateCredentialKey() });
    await call('sync.start', { integrationId });
    const worker = startWorker({ db, resolveSource: createSourceResolver(db, otherKey, LOOPBACK), pollIntervalMs: 50 });
    await worker.idle();
    await worker.stop();
    const { rows } = await db.query<{ status: string; error_code: string; error_message: string }>(
      'select status, error_code, error_message from sync.sync_runs',
    );
    expect(rows[0]).toMatchObject({ status: 'failed', error_code: 'source_auth_failed' });
    expect(rows[0]?.error_message).toMatch(/Enter them again/);
  });

  it('hands each queued job to exactly one of several concurrent claimers', async () => {
    await resetSyncState();
    await call('sync.start', { integrationId });
    await call(
      'sync.start',
      { integrationId: DEMO_IDS.integrations.ungdomCornerstone },
      { kind: 'user', userId: DEMO_IDS.admins.global, email: 'global@demo.local' },
    );
    const claims = await Promise.all(['a', 'b', 'c', 'd'].map((id) => asCaller(db, SERVICE, (tx) => claimNextJob(tx, id))));
    const claimed = claims.filter((job) => job !== null).map((job) => job.integration_id);
    expect(claimed.sort()).toEqual([integrationId, DEMO_IDS.integrations.ungdomCornerstone].sort());
  });

  it('fails the run with a message the admin can act on when the registry rejects the credentials', async () => {
    await resetSyncState();
    const wrongBox = await createCredentialBox({ keyId: 'test', keyBase64: generateCredentialKey() });
    const sealed = await wrongBox.seal({ kind: 'user_password_client', username: 'api-demo', password: 'wrong', clientId: 'nope' });
    await db.query('update sync.integration_credentials set ciphertext = $2 where integration_id = $1', [integrationId, sealed.ciphertext]);
    await call('sync.start', { integrationId });
    const worker = startWorker({ db, resolveSource: createSourceResolver(db, wrongBox, LOOPBACK), pollIntervalMs: 50 });
    await worker.idle();
    await worker.stop();
    const job = await db.query<{ id: string }>('select id from sync.sync_jobs');
    const view = await call('sync.job', { jobId: job.rows[0]?.id });
    expect(view).toMatchObject({ ok: true, value: { status: 'failed', errorCode: 'source_auth_failed', errorActor: 'org_admin' } });
    expect(view.ok && (view.value as { errorMessage: string }).errorMessage).toMatch(/client ID|password|credentials/i);
    expect(await db.query('select count(*)::int as n from sync.members')).toMatchObject({ rows: [{ n: 0 }] });
  });
});
