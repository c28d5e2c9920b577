// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../backend/db/port.ts';
import { asCaller } from '../../backend/db/as-caller.ts';
import { seedDemo } from '../../backend/db/demo-seed.ts';
import { createCredentialBox, generateCredentialKey } from '../../backend/crypto/credential-box.ts';
import { createSourceResolver } from '../../backend/engine/source-resolver.ts';
import { claimNextJob } from '../../backend/engine/job-store.ts';
import { runJob } from '../../backend/engine/run-job.ts';
import type { MemberSource } from '../../backend/adapters/member-source.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { databaseTargets } from './harness.ts';
import { integrationId, openEngineFixture, orgId, type EngineFixture } from './support/engine-fixture.ts';
import { cornerstoneReading, expectDatabaseEqualsTruth, registryTruth, type RegistryTruth } from './support/registry-truth.ts';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.ts';
import { serverUrl } from './support/server-database.ts';
import { startWorkerChild, type WorkerChild } from './support/worker-child.ts';
import { drainQueue, noWait, queueFullSync, readJob, readRuns, waitFor } from './support/worker-sync.ts';

const SERVICE = { kind: 'service' } as const;
const target = { integrationId, orgId };
// The simulator's seed; its failures and invalid records are drawn from it, so a run repeats.
const SEED = 40;

function withFaults(sim: CornerstoneSim): CornerstoneSim {
  sim.setTransientFailureRate(0.1);
  sim.setInvalidRecordRate(0.01);
  return sim;
}

/** After a resumed run: one run, every record counted once, the database equal to the registry. */
async function expectResumedRunComplete(db: Db, jobId: string, truth: RegistryTruth): Promise<void> {
  const total = truth.valid.size + truth.invalid.size;
  expect(await readJob(db, jobId)).toMatchObject({ status: 'succeeded', attempt: 2, processed: total, total });
  const runs = await readRuns(db, jobId);
  expect(runs, 'a resumed job keeps the run its first attempt opened').toHaveLength(1);
  expect(runs[0]).toMatchObject({
    status: 'succeeded',
    records_total: total,
    records_seen: total,
    records_created: truth.valid.size,
    records_updated: 0,
    records_quarantined: truth.invalid.size,
  });
  await expectDatabaseEqualsTruth(db, target, truth);
  const { rows } = await db.query<{ occurrences: number }>('select distinct occurrences from sync.quarantined_records');
  expect(rows, 'no invalid record was quarantined twice').toEqual([{ occurrences: 1 }]);
}

// Only against the real server: the worker runs in a second process so it can be killed with
// SIGKILL, and a second process cannot open the test's in-memory PGlite database. Like the
// harness's postgres target, it exists only when DATABASE_URL is set (CI always sets it).
const servers = serverUrl() === null ? [] : [{ name: 'postgres' }];
describe.each(servers)('a worker process killed in the middle of a run, on $name', () => {
  let sim: CornerstoneSim | undefined;
  let database: ScratchDatabase | undefined;
  let child: WorkerChild | undefined;
  afterEach(async () => {
    await child?.kill('SIGKILL');
    await database?.drop();
    await sim?.close();
    child = undefined;
    database = undefined;
    sim = undefined;
  });

  it('is taken over from its last checkpoint: the database equals the registry, with one run and no duplicates', async () => {
    const server = serverUrl();
    if (server === null) throw new Error('unreachable: the suite exists only with a server');
    sim = withFaults(await startCornerstoneSim({ memberCount: 4_000, seed: SEED }));
    database = await createScratchDatabase(server, { prefix: 'msync_test' });
    const { db } = database;
    const credentialKey = generateCredentialKey();
    const box = await createCredentialBox({ keyId: 'crash-test', keyBase64: credentialKey });
    const { username, password, clientId } = sim.credentials;
    await seedDemo(db, {
      cornerstoneBaseUrl: sim.url,
      credentialCiphertext: await box.seal({ kind: 'user_password_client', username, password, clientId }),
    });
    const truth = registryTruth(sim, cornerstoneReading);
    const total = truth.valid.size + truth.invalid.size;
    const jobId = await queueFullSync(db, target);

    const doomed = startWorkerChild({ databaseUrl: database.url, credentialKey, credentialKeyId: box.keyId, workerId: 'doomed-worker' });
    child = doomed;
    await waitFor('the worker process to checkpoint its first page', async () => {
      const exited = doomed.exit();
      if (exited) throw new Error(`The worker process exited on its own (${JSON.stringify(exited)}): ${doomed.stderr()}`);
      return (await readJob(db, jobId)).processed > 0;
    });
    // The registry stops answering, so the run cannot get to its end before the kill lands.
    sim.setLatency(600_000);
    await doomed.kill('SIGKILL');
    expect(doomed.exit()).toEqual({ code: null, signal: 'SIGKILL' });
    sim.setLatency(0);

    const killed = await readJob(db, jobId);
    expect(killed, 'killed while running').toMatchObject({ status: 'running', attempt: 1 });
    expect(killed.processed, 'killed after a checkpoint').toBeGreaterThan(0);
    expect(killed.processed, 'killed before the end').toBeLessThan(total);

    // A fresh worker finds the job abandoned (no heartbeat is recent enough for 0 s) and resumes it.
    await drainQueue(db, createSourceResolver(db, box, { allowLoopbackHttp: true }), { abandonedAfterSeconds: 0, workerId: 'successor' });
    await expectResumedRunComplete(db, jobId, truth);
    expect(doomed.stderr(), 'the killed worker logged no error of its own').toBe('');
  });
});

/** Everything a sync writes, so a late writer that changes anything shows up as a difference. */
async function syncState(db: Db): Promise<unknown> {
  const { rows } = await db.query(
    `select (select count(*)::int from sync.members) as members,
            (select max(updated_at)::text from sync.members) as members_updated,
            (select count(*)::int from sync.member_links) as links,
            (select coalesce(sum(occurrences), 0)::int from sync.quarantined_records) as quarantined,
            (select count(*)::int from sync.audit_member_changes) as audit,
            (select count(*)::int from sync.run_seen_members) as seen,
            (select to_jsonb(j)::text from sync.sync_jobs j) as job,
            (select to_jsonb(r)::text from sync.sync_runs r) as run`,
  );
  return rows[0];
}

// In-process, so on PGlite too. full-sync.test.ts already has a worker die before its first
// slice and be refused when it wakes (openRun). This one dies holding a fetched page, after it
// has written slices of its own, and the job's checkpoint guard must refuse that page when it wakes.
describe.each(databaseTargets())('a worker frozen mid-run on $name', (databaseTarget) => {
  let fixture: EngineFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('is taken over; the page it was fetching, arriving late, writes nothing', async () => {
    const opened = await openEngineFixture(databaseTarget, { memberCount: 2_000, seed: SEED });
    fixture = opened;
    withFaults(opened.sim);
    const { db } = opened;
    const truth = registryTruth(opened.sim, cornerstoneReading);
    const jobId = await queueFullSync(db, target);

    // Its second page is held until the test lets it go: the worker is frozen mid-run.
    let parked: () => void = () => undefined;
    const isParked = new Promise<void>((resolve) => (parked = resolve));
    let thaw: () => void = () => undefined;
    const thawed = new Promise<void>((resolve) => (thaw = resolve));
    let held = false;
    const freezing = async (): Promise<MemberSource> => {
      const real = await opened.resolveSource(integrationId);
      return {
        ...real,
        listMembers: async (cursor, signal) => {
          if (cursor !== null && !held) {
            held = true;
            parked();
            await thawed;
          }
          return real.listMembers(cursor, signal);
        },
      };
    };
    const frozenJob = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'frozen'));
    if (frozenJob?.id !== jobId) throw new Error('the test could not claim its job');
    const frozen = runJob(db, frozenJob, freezing, { workerId: 'frozen', sleep: noWait });
    await isParked;
    await waitFor('the frozen worker to checkpoint its first page', async () => (await readJob(db, jobId)).processed > 0);

    // Its heartbeat goes stale; the next worker takes the job over and finishes it.
    await db.exec(`update sync.sync_jobs set heartbeat_at = now() - interval '10 minutes'`);
    await drainQueue(db, opened.resolveSource, { workerId: 'successor' });
    const finished = await syncState(db);

    thaw();
    expect(await frozen).toBe('lost');
    expect(await syncState(db), 'the frozen worker changed nothing after it lost the job').toEqual(finished);
    await expectResumedRunComplete(db, jobId, truth);
  });
});
