// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS, seedDemo } from '../../backend/db/demo-seed.ts';
import type { Caller, Db, Queryable } from '../../backend/db/port.ts';
import { databaseTargets, openMigrated } from './harness.ts';

const org1 = DEMO_IDS.organizations.friluftslag;
const org2 = DEMO_IDS.organizations.ungdom;
const integration1 = DEMO_IDS.integrations.friluftslagCornerstone;
const integration2 = DEMO_IDS.integrations.ungdomCornerstone;

const service: Caller = { kind: 'service' };
const globalAdmin: Caller = { kind: 'user', userId: DEMO_IDS.admins.global, email: 'global@demo.local' };
const ola: Caller = { kind: 'user', userId: DEMO_IDS.admins.ola, email: 'ola@demo.local' };
// Signed in and known as an admin, but given no organization.
const lonerId = randomUUID();
const loner: Caller = { kind: 'user', userId: lonerId, email: 'loner@demo.local' };
// A valid Supabase user who was never made an admin.
const strangerId = randomUUID();
const stranger: Caller = { kind: 'user', userId: strangerId, email: 'stranger@example.org' };

const seedOptions = {
  cornerstoneBaseUrl: 'http://127.0.0.1:9/cornerstone',
  credentialCiphertext: { ciphertext: 'v1:opaque-test-ciphertext', keyId: 'test-key-1' },
};

// How the console asks for a sync: $1 integration, $2 its organization, $3 the requester.
const queueJob = `insert into sync.sync_jobs (integration_id, org_id, kind, requested_by) values ($1, $2, 'full', $3)`;

const orgScopedTables = ['organizations', 'integrations', 'sync_jobs', 'sync_runs', 'members', 'member_links'];

class Rollback extends Error {}

/** Runs `work` as `caller` and rolls it back, so each test leaves the fixtures as they were. */
async function rolledBack(db: Db, caller: Caller, work: (tx: Queryable) => Promise<void>): Promise<void> {
  await expect(
    asCaller(db, caller, async (tx) => {
      await work(tx);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

async function ids(tx: Queryable, sql: string, params: readonly unknown[] = []): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(sql, params);
  return rows.map((row) => row.id).sort();
}

async function insertFinishedJobWithRun(tx: Queryable, integrationId: string, orgId: string): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into sync.sync_jobs (integration_id, org_id, kind, status, started_at, finished_at)
     values ($1, $2, 'full', 'succeeded', now(), now()) returning id`,
    [integrationId, orgId],
  );
  await tx.query(
    `insert into sync.sync_runs (job_id, integration_id, org_id, kind, status, finished_at, records_seen)
     values ($1, $2, $3, 'full', 'succeeded', now(), 1)`,
    [rows[0]?.id, integrationId, orgId],
  );
}

async function insertMember(tx: Queryable, integrationId: string, orgId: string, externalId: string): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into sync.members (org_id, first_name, last_name, status, roles)
     values ($1, 'Test', $2, 'active', '{member}') returning id`,
    [orgId, externalId],
  );
  await tx.query(
    `insert into sync.member_links (integration_id, external_id, member_id, org_id, source_updated_at)
     values ($1, $2, $3, $4, now())`,
    [integrationId, externalId, rows[0]?.id, orgId],
  );
}

describe.each(databaseTargets())('row-level security on $name', (target) => {
  let db: Db;

  beforeAll(async () => {
    db = await openMigrated(target);
    await seedDemo(db, seedOptions);
    await db.query(`insert into sync.admins (user_id, email, display_name) values ($1, $2, 'Lone Admin')`, [lonerId, 'loner@demo.local']);
    // Written as the engine writes them, which also proves service_role's grants.
    await asCaller(db, service, async (tx) => {
      await insertFinishedJobWithRun(tx, integration1, org1);
      await insertFinishedJobWithRun(tx, integration2, org2);
      await insertMember(tx, integration1, org1, 'cs-1');
      await insertMember(tx, integration2, org2, 'cs-2');
    });
  });

  afterAll(async () => {
    await db?.close();
  });

  describe('the demo seed', () => {
    it('can run again without duplicating anything, following a new simulator address', async () => {
      const directory = await seedDemo(db, { ...seedOptions, cornerstoneBaseUrl: 'http://127.0.0.1:10/cornerstone' });
      expect(directory.organizations).toHaveLength(3);
      const { rows } = await db.query<{ organizations: number; admins: number; integrations: number; urls: string[] }>(
        `select (select count(*) from sync.organizations) as organizations,
                (select count(*) from sync.admins) as admins,
                (select count(*) from sync.integrations) as integrations,
                (select array_agg(distinct base_url) from sync.integrations) as urls`,
      );
      expect(rows[0]).toEqual({
        organizations: 3,
        admins: 6,
        integrations: 2,
        urls: ['http://127.0.0.1:10/cornerstone'],
      });
      await seedDemo(db, seedOptions);
    });
  });

  describe('the global admin', () => {
    it('sees every organization and integration', async () => {
      await rolledBack(db, globalAdmin, async (tx) => {
        expect(await ids(tx, 'select id from sync.organizations')).toHaveLength(3);
        expect(await ids(tx, 'select id from sync.integrations')).toEqual([integration1, integration2].sort());
      });
    });

    it('can queue a sync job for another organization', async () => {
      await rolledBack(db, globalAdmin, async (tx) => {
        const { rows } = await tx.query<{ status: string; requested_by: string }>(
          `insert into sync.sync_jobs (integration_id, org_id, kind, requested_by)
           values ($1, $2, 'delta', $3) returning status, requested_by`,
          [integration2, org2, DEMO_IDS.admins.global],
        );
        expect(rows).toEqual([{ status: 'queued', requested_by: DEMO_IDS.admins.global }]);
      });
    });

    it('cannot queue a second job while one is queued (one active job per integration)', async () => {
      await expect(
        asCaller(db, globalAdmin, async (tx) => {
          await tx.query(queueJob, [integration2, org2, DEMO_IDS.admins.global]);
          await tx.query(queueJob, [integration2, org2, DEMO_IDS.admins.global]);
        }),
      ).rejects.toMatchObject({ code: '23505', constraint: 'sync_jobs_one_active_per_integration' });
    });
  });

  describe('an org admin of organization 1', () => {
    it('sees only organization 1, its integration, jobs, runs and members', async () => {
      await rolledBack(db, ola, async (tx) => {
        expect(await ids(tx, 'select id from sync.organizations')).toEqual([org1]);
        expect(await ids(tx, 'select id from sync.integrations')).toEqual([integration1]);
        expect(await ids(tx, 'select distinct org_id as id from sync.sync_jobs')).toEqual([org1]);
        expect(await ids(tx, 'select distinct org_id as id from sync.sync_runs')).toEqual([org1]);
        expect(await ids(tx, 'select distinct org_id as id from sync.members')).toEqual([org1]);
        expect(await ids(tx, 'select distinct org_id as id from sync.member_links')).toEqual([org1]);
        expect(await ids(tx, 'select id from sync.sync_jobs where integration_id = $1', [integration2])).toEqual([]);
      });
    });

    it('sees only their own admin and membership rows', async () => {
      await rolledBack(db, ola, async (tx) => {
        expect(await ids(tx, 'select user_id as id from sync.admins')).toEqual([DEMO_IDS.admins.ola]);
        expect(await ids(tx, 'select org_id as id from sync.org_admins')).toEqual([org1]);
      });
    });

    it('can queue and cancel a job for their own integration', async () => {
      await rolledBack(db, ola, async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `insert into sync.sync_jobs (integration_id, org_id, kind, requested_by)
           values ($1, $2, 'full', $3) returning id`,
          [integration1, org1, DEMO_IDS.admins.ola],
        );
        const cancelled = await tx.query(`update sync.sync_jobs set status = 'cancelled' where id = $1`, [rows[0]?.id]);
        expect(cancelled.affectedRows).toBe(1);
      });
    });

    it('cannot queue a job for organization 2 (RLS)', async () => {
      await expect(asCaller(db, ola, (tx) => tx.query(queueJob, [integration2, org2, DEMO_IDS.admins.ola]))).rejects.toMatchObject({
        code: '42501',
        message: expect.stringMatching(/row-level security/),
      });
    });

    it("cannot pass organization 2's integration off as organization 1's", async () => {
      await expect(asCaller(db, ola, (tx) => tx.query(queueJob, [integration2, org1, DEMO_IDS.admins.ola]))).rejects.toMatchObject({ code: '23503' });
    });

    it('cannot queue a job in someone else’s name or forge worker state', async () => {
      await expect(asCaller(db, ola, (tx) => tx.query(queueJob, [integration1, org1, DEMO_IDS.admins.global]))).rejects.toMatchObject({
        code: '42501',
        message: expect.stringMatching(/row-level security/),
      });
      await expect(
        asCaller(db, ola, (tx) =>
          tx.query(
            `insert into sync.sync_jobs (integration_id, org_id, kind, requested_by, status)
             values ($1, $2, 'full', $3, 'running')`,
            [integration1, org1, DEMO_IDS.admins.ola],
          ),
        ),
      ).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
    });

    it('cannot mark a job succeeded, or reopen a finished one', async () => {
      await expect(
        asCaller(db, ola, async (tx) => {
          await tx.query(queueJob, [integration1, org1, DEMO_IDS.admins.ola]);
          await tx.query(`update sync.sync_jobs set status = 'succeeded' where status = 'queued'`);
        }),
      ).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/row-level security/) });
      await rolledBack(db, ola, async (tx) => {
        const reopened = await tx.query(`update sync.sync_jobs set status = 'cancelled' where status = 'succeeded'`);
        expect(reopened.affectedRows).toBe(0);
      });
    });

    it("cannot change organization 2's integration (0 rows), but can change their own", async () => {
      await rolledBack(db, ola, async (tx) => {
        const theirs = await tx.query(`update sync.integrations set enabled = false where id = $1`, [integration2]);
        expect(theirs.affectedRows).toBe(0);
        const own = await tx.query(`update sync.integrations set enabled = false where id = $1`, [integration1]);
        expect(own.affectedRows).toBe(1);
      });
    });

    it.each(['base_url', 'auth_kind'])('cannot change %s, which would send the saved credentials elsewhere', async (column) => {
      await expect(
        asCaller(db, ola, (tx) => tx.query(`update sync.integrations set ${column} = 'https://collector.example' where id = $1`, [integration1])),
      ).rejects.toMatchObject({ code: '42501' });
    });

    it('cannot move their integration to another organization', async () => {
      await expect(
        asCaller(db, ola, (tx) => tx.query(`update sync.integrations set org_id = $1 where id = $2`, [org2, integration1])),
      ).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
    });

    it('cannot read integration credentials at all: permission denied, not just 0 rows', async () => {
      await expect(asCaller(db, ola, (tx) => tx.query('select integration_id from sync.integration_credentials'))).rejects.toMatchObject({
        code: '42501',
        message: expect.stringMatching(/permission denied/),
      });
    });

    it('cannot write sync runs or members', async () => {
      await expect(
        asCaller(db, ola, (tx) =>
          tx.query(
            `insert into sync.sync_runs (job_id, integration_id, org_id, kind)
             select id, integration_id, org_id, kind from sync.sync_jobs limit 1`,
          ),
        ),
      ).rejects.toMatchObject({ code: '42501' });
      await expect(
        asCaller(db, ola, (tx) =>
          tx.query(`insert into sync.members (org_id, first_name, last_name, status) values ($1, 'A', 'B', 'active')`, [org1]),
        ),
      ).rejects.toMatchObject({ code: '42501' });
    });
  });

  describe('a signed-in admin with no organization', () => {
    it('sees only their own admin row and nothing else', async () => {
      await rolledBack(db, loner, async (tx) => {
        expect(await ids(tx, 'select user_id as id from sync.admins')).toEqual([lonerId]);
        for (const table of [...orgScopedTables, 'org_admins']) {
          const { rows } = await tx.query(`select 1 from sync.${table}`);
          expect(rows, table).toEqual([]);
        }
      });
    });
  });

  describe('a signed-in user who is not an admin', () => {
    it('sees nothing and can queue nothing', async () => {
      await rolledBack(db, stranger, async (tx) => {
        for (const table of [...orgScopedTables, 'admins', 'org_admins']) {
          const { rows } = await tx.query(`select 1 from sync.${table}`);
          expect(rows, table).toEqual([]);
        }
      });
      await expect(asCaller(db, stranger, (tx) => tx.query(queueJob, [integration1, org1, strangerId]))).rejects.toMatchObject({ code: '42501' });
    });
  });

  describe('the service role', () => {
    it('sees every row, credentials included', async () => {
      await rolledBack(db, service, async (tx) => {
        expect(await ids(tx, 'select integration_id as id from sync.integration_credentials')).toEqual([integration1, integration2].sort());
        expect(await ids(tx, 'select distinct org_id as id from sync.members')).toEqual([org1, org2].sort());
      });
    });
  });

  describe('asCaller', () => {
    it('runs as the API role with the caller’s claims, and leaves nothing behind on the connection', async () => {
      await rolledBack(db, ola, async (tx) => {
        const { rows } = await tx.query<{ role: string; uid: string; jwt_role: string }>(
          'select current_user as role, auth.uid() as uid, auth.role() as jwt_role',
        );
        expect(rows).toEqual([{ role: 'authenticated', uid: DEMO_IDS.admins.ola, jwt_role: 'authenticated' }]);
      });
      const after = await db.transaction((tx) => tx.query<{ role: string; uid: string | null }>('select current_user as role, auth.uid() as uid'));
      expect(after.rows).toEqual([{ role: 'postgres', uid: null }]);
    });
  });
});
