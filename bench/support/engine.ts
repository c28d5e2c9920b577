import type { Db } from '../../backend/db/port.ts';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS, seedDemo } from '../../backend/db/demo-seed.ts';
import { createCredentialBox, generateCredentialKey, type CredentialBox } from '../../backend/crypto/credential-box.ts';
import { createSourceResolver } from '../../backend/engine/source-resolver.ts';
import { claimNextJob } from '../../backend/engine/job-store.ts';
import { runJob, type JobOutcome } from '../../backend/engine/run-job.ts';
import type { MemberSource } from '../../backend/adapters/member-source.ts';
import { Probe } from './probe.ts';
import type { SimCredentials } from './sim-process.ts';

export const SERVICE = { kind: 'service' } as const;
export const integrationId = DEMO_IDS.integrations.friluftslagCornerstone;
export const orgId = DEMO_IDS.organizations.friluftslag;

export interface SyncResult {
  outcome: JobOutcome;
  wallMs: number;
  run: {
    status: string;
    records_seen: number;
    records_created: number;
    records_updated: number;
    records_unchanged: number;
    records_quarantined: number;
    records_lapsed: number;
    records_removed: number;
    conflicts_detected: number;
    conflicts_queued: number;
  };
}

/** One pass over every page of the registry with nothing written: see `EngineBench.readFloor`. */
export interface ReadFloorResult {
  wallMs: number;
  pages: number;
  /** Every record the pages held, quarantined ones included, as a run's records_seen counts them. */
  records: number;
  quarantined: number;
}

export interface EngineBench {
  box: CredentialBox;
  probe: Probe;
  /** How the adapter is built: through the real source resolver, or directly (page sizes it cannot pass). */
  sourcePath: string;
  /** Queues a job as the scheduler would, claims it and runs it to the end with the real engine. */
  sync(kind?: 'full' | 'delta'): Promise<SyncResult>;
  /**
   * What a full sync cannot cost less than: every page listed through the adapter a sync gets
   * (the same resolver, fetch and probe), so fetched, parsed, validated and mapped, and then
   * dropped. No job, no transaction, nothing written.
   */
  readFloor(): Promise<ReadFloorResult>;
}

/**
 * The demo organizations seeded into `db`, their Cornerstone integration pointing at the
 * simulator with sealed credentials, as tests/db/support/engine-fixture.ts does.
 */
export async function setUpEngine(db: Db, sim: { url: string; credentials: SimCredentials }, options: { pageSize: number }): Promise<EngineBench> {
  const box = await createCredentialBox({ keyId: 'bench', keyBase64: generateCredentialKey() });
  const { username, password, clientId } = sim.credentials;
  await seedDemo(db, {
    cornerstoneBaseUrl: sim.url,
    credentialCiphertext: await box.seal({ kind: 'user_password_client', username, password, clientId }),
  });
  const probe = new Probe();
  const probedDb = probe.wrapDb(db);
  const timedFetch = probe.wrapFetch();
  // The real path: integration row, credentials opened from their ciphertext, the adapter the
  // resolver builds, at the page size asked for (the sync-worker Edge Function uses 1000).
  const resolver = createSourceResolver(db, box, { allowLoopbackHttp: true, fetch: timedFetch, pageSize: options.pageSize });
  const resolveSource = async (): Promise<MemberSource> => probe.wrapSource(await resolver(integrationId));
  const sourcePath = `source resolver, page size ${options.pageSize}`;

  return {
    box,
    probe,
    sourcePath,
    async sync(kind = 'full') {
      const jobId = await asCaller(db, SERVICE, async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `insert into sync.sync_jobs (integration_id, org_id, kind) values ($1, $2, $3) returning id`,
          [integrationId, orgId, kind],
        );
        return rows[0]?.id;
      });
      const job = await asCaller(db, SERVICE, (tx) => claimNextJob(tx, 'bench'));
      if (!job || job.id !== jobId) throw new Error('The benchmark could not claim the job it queued');
      probe.reset();
      const started = performance.now();
      const outcome = await runJob(probedDb, job, resolveSource, { workerId: 'bench' });
      const wallMs = performance.now() - started;
      const { rows } = await db.query<SyncResult['run']>(
        `select status, records_seen, records_created, records_updated, records_unchanged, records_quarantined,
                records_lapsed, records_removed, conflicts_detected, conflicts_queued
           from sync.sync_runs where job_id = $1`,
        [job.id],
      );
      const run = rows[0];
      if (!run) throw new Error('The job left no run');
      return { outcome, wallMs, run };
    },
    async readFloor() {
      probe.reset();
      const started = performance.now();
      const source = await resolveSource();
      let pages = 0;
      let records = 0;
      let quarantined = 0;
      let cursor: string | null = null;
      do {
        const page = await source.listMembers(cursor);
        pages++;
        records += page.records.length;
        quarantined += page.records.filter((record) => !record.ok).length;
        cursor = page.nextCursor;
      } while (cursor !== null);
      return { wallMs: performance.now() - started, pages, records, quarantined };
    },
  };
}

/** App-side edits: a plain update as service_role, which the members_track_app_changes trigger records. */
export async function appEditEmails(db: Db, externalIds: readonly string[], tag: string): Promise<number> {
  return asCaller(db, SERVICE, async (tx) => {
    const { affectedRows } = await tx.query(
      `update sync.members m set email = $3 || '.' || lower(l.external_id) || '@example.com'
         from sync.member_links l
        where l.member_id = m.id and l.integration_id = $1 and l.external_id = any($2::text[])`,
      [integrationId, externalIds, tag],
    );
    return affectedRows;
  });
}
