import type { Db } from '../../../backend/db/port.ts';
import { asCaller } from '../../../backend/db/as-caller.ts';
import { DEMO_IDS, seedDemo } from '../../../backend/db/demo-seed.ts';
import { createCredentialBox, generateCredentialKey, type CredentialBox } from '../../../backend/crypto/credential-box.ts';
import { createSourceResolver } from '../../../backend/engine/source-resolver.ts';
import { claimNextJob } from '../../../backend/engine/job-store.ts';
import { runJob } from '../../../backend/engine/run-job.ts';
import type { JobOutcome } from '../../../backend/engine/slice-options.ts';
import type { SourceResolver } from '../../../backend/engine/source-resolver.ts';
import { startCornerstoneSim, type CornerstoneSim, type CornerstoneSimOptions } from '../../../sim/cornerstone/server.ts';
import { openMigrated, type DatabaseTarget } from '../harness.ts';

export const SERVICE = { kind: 'service' } as const;
export const integrationId = DEMO_IDS.integrations.friluftslagCornerstone;
export const orgId = DEMO_IDS.organizations.friluftslag;

export interface EngineFixture {
  db: Db;
  sim: CornerstoneSim;
  box: CredentialBox;
  resolveSource: SourceResolver;
  /** Queues a job for the Friluftslag integration as the scheduler would, and runs it to the end. */
  sync(options?: { kind?: 'full' | 'delta'; dryRun?: boolean; deltaSince?: string }): Promise<{ outcome: JobOutcome; runId: string }>;
  close(): Promise<void>;
}

/** A migrated database seeded with the demo organizations, its Cornerstone integration pointing at a live simulator. */
export async function openEngineFixture(target: DatabaseTarget, simOptions: CornerstoneSimOptions): Promise<EngineFixture> {
  const sim = await startCornerstoneSim(simOptions);
  const db = await openMigrated(target);
  const box = await createCredentialBox({ keyId: 'test', keyBase64: generateCredentialKey() });
  const { username, password, clientId } = sim.credentials;
  await seedDemo(db, {
    cornerstoneBaseUrl: sim.url,
    credentialCiphertext: await box.seal({ kind: 'user_password_client', username, password, clientId }),
  });
  const resolveSource = createSourceResolver(db, box, { allowLoopbackHttp: true });
  return {
    db,
    sim,
    box,
    resolveSource,
    async sync(options = {}) {
      const jobId = await asCaller(db, SERVICE, async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `insert into sync.sync_jobs (integration_id, org_id, kind, dry_run, delta_since) values ($1, $2, $3, $4, $5) returning id`,
          [integrationId, orgId, options.kind ?? 'full', options.dryRun ?? false, options.deltaSince ?? null],
        );
        return rows[0]?.id;
      });
      const job = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'fixture'));
      if (!job || job.id !== jobId) throw new Error('The fixture could not claim the job it queued');
      const outcome = await runJob(db, job, () => resolveSource(integrationId), { workerId: 'fixture', sleep: async () => undefined });
      const { rows } = await db.query<{ id: string }>(`select id from sync.sync_runs where job_id = $1`, [job.id]);
      const runId = rows[0]?.id;
      if (!runId) throw new Error('The job left no run');
      return { outcome, runId };
    },
    async close() {
      await db.close();
      await sim.close();
    },
  };
}

/** Gives the Friluftslag integration a webhook signing secret, sealed as the console would store it. */
export async function installWebhookSecret(f: EngineFixture, secret: string): Promise<void> {
  const sealed = await f.box.sealWebhookSecret(secret);
  await asCaller(f.db, SERVICE, (tx) =>
    tx.query(`insert into sync.webhook_secrets (integration_id, ciphertext, key_id) values ($1, $2, $3)`, [
      integrationId,
      sealed.ciphertext,
      sealed.keyId,
    ]),
  );
}

/** An edit made in the app: a plain update by a writer other than the engine, which the trigger records. */
export async function appEdit(db: Db, externalId: string, set: string, params: readonly unknown[]): Promise<void> {
  await asCaller(db, SERVICE, (tx) =>
    tx.query(
      `update sync.members m set ${set}
         from sync.member_links l
        where l.member_id = m.id and l.integration_id = $1 and l.external_id = $2`,
      [integrationId, externalId, ...params],
    ),
  );
}
