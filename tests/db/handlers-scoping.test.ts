// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller, Db } from '../../backend/db/port.ts';
import { DEMO_IDS, seedDemo } from '../../backend/db/demo-seed.ts';
import { createRouter } from '../../backend/rpc/router.ts';
import { registerBackendHandlers } from '../../backend/handlers/index.ts';
import { createRegistrySetup, type RegistrySetup } from '../../backend/handlers/registry-setup.ts';
import { createCredentialBox, generateCredentialKey } from '../../backend/crypto/credential-box.ts';
import type { BackendContext } from '../../backend/handlers/context.ts';
import { operations } from '../../shared/contract/operations.ts';
import { databaseTargets, openMigrated } from './harness.ts';

const OLA: Caller = { kind: 'user', userId: DEMO_IDS.admins.ola, email: 'ola@demo.local' };
const GLOBAL: Caller = { kind: 'user', userId: DEMO_IDS.admins.global, email: 'global@demo.local' };
const STRANGER: Caller = { kind: 'user', userId: '9a9a9a9a-0000-4000-8000-000000000009', email: 'nobody@example.no' };
const { friluftslagCornerstone: OWN, ungdomCornerstone: OTHER } = DEMO_IDS.integrations;

describe.each(databaseTargets())('handlers under row-level security on $name', (target) => {
  let db: Db;
  let otherJobId: string;
  let setup: RegistrySetup;
  const router = createRouter<typeof operations, BackendContext>(operations);
  registerBackendHandlers(router);
  const call = (caller: Caller, operation: string, input: unknown) =>
    router.dispatch(operation, input, {
      db,
      caller,
      wakeWorker: () => undefined,
      resolveSource: () => Promise.reject(new Error('no registry in this test')),
      setup,
    });

  beforeAll(async () => {
    setup = createRegistrySetup(await createCredentialBox({ keyId: 'scoping', keyBase64: generateCredentialKey() }));
    db = await openMigrated(target);
    await seedDemo(db, { cornerstoneBaseUrl: 'http://127.0.0.1:9', credentialCiphertext: { ciphertext: 'x', keyId: 'k' } });
    const started = await call(GLOBAL, 'sync.start', { integrationId: OTHER });
    if (!started.ok) throw new Error('global admin could not queue a job');
    otherJobId = (started.value as { job: { id: string } }).job.id;
    await db.query(
      `insert into sync.sync_runs (job_id, integration_id, org_id, kind, status, records_seen)
       values ($1, $2, $3, 'full', 'failed', 10)`,
      [otherJobId, OTHER, DEMO_IDS.organizations.ungdom],
    );
  });
  afterAll(async () => db?.close());

  it("an org admin sees only their own organization's integrations, jobs and runs", async () => {
    const orgs = await call(OLA, 'organizations.list', {});
    expect(orgs.ok && (orgs.value as Array<{ id: string }>).map((org) => org.id)).toEqual([DEMO_IDS.organizations.friluftslag]);
    const health = await call(OLA, 'health.list', {});
    expect(health.ok && (health.value as Array<{ integrationId: string }>).map((row) => row.integrationId)).toEqual([OWN]);
    expect(await call(OLA, 'health.list', { orgId: DEMO_IDS.organizations.ungdom })).toEqual({ ok: true, value: [] });
    expect(await call(OLA, 'sync.job', { jobId: otherJobId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it("an org admin cannot start a sync for another organization's integration", async () => {
    expect(await call(OLA, 'sync.start', { integrationId: OTHER })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const { rows } = await db.query<{ n: number }>('select count(*)::int as n from sync.sync_jobs where integration_id = $1', [OTHER]);
    expect(rows[0]?.n).toBe(1);
  });

  it('a global admin sees and acts on every organization', async () => {
    const health = await call(GLOBAL, 'health.list', {});
    expect(health.ok && (health.value as Array<{ integrationId: string }>).map((row) => row.integrationId).sort()).toEqual([OWN, OTHER].sort());
    const other = health.ok
      ? (health.value as Array<{ integrationId: string; health: string; lastRun: unknown }>).find((row) => row.integrationId === OTHER)
      : null;
    // No full sync of it has succeeded yet, so the queued one is its initial sync, whatever failed before.
    expect(other).toMatchObject({ health: 'initial_sync', lastRun: { status: 'failed', recordsSeen: 10 } });
    expect(await call(GLOBAL, 'sync.job', { jobId: otherJobId })).toMatchObject({ ok: true, value: { id: otherJobId, status: 'queued' } });
    expect(await call(GLOBAL, 'sync.start', { integrationId: OWN })).toMatchObject({ ok: true, value: { alreadyActive: false } });
  });

  it('a signed-in user who administers nothing sees nothing and can start nothing', async () => {
    expect(await call(STRANGER, 'organizations.list', {})).toEqual({ ok: true, value: [] });
    expect(await call(STRANGER, 'health.list', {})).toEqual({ ok: true, value: [] });
    expect(await call(STRANGER, 'sync.start', { integrationId: OWN })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
