// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS, seedDemo } from '../../backend/db/demo-seed.ts';
import type { Caller, Db, Queryable } from '../../backend/db/port.ts';
import { databaseTargets, openMigrated } from './harness.ts';

const { friluftslag: org1, ungdom: org2 } = DEMO_IDS.organizations;
const { friluftslagCornerstone: integration1, ungdomCornerstone: integration2 } = DEMO_IDS.integrations;
const service: Caller = { kind: 'service' };
const globalAdmin: Caller = { kind: 'user', userId: DEMO_IDS.admins.global, email: 'global@demo.local' };
const ola: Caller = { kind: 'user', userId: DEMO_IDS.admins.ola, email: 'ola@demo.local' };
const stranger: Caller = { kind: 'user', userId: randomUUID(), email: 'stranger@example.org' };

/** The engine's tables that admins may read, each scoped by organization. */
const readable = [
  'org_sync_settings',
  'conflict_rules',
  'conflicts',
  'audit_events',
  'audit_member_changes',
  'alerts',
  'quarantined_records',
  'source_writes',
  'webhook_events',
];
/** The engine's own tables: no grant to admins at all. */
const closed = ['run_seen_members', 'staged_member_changes', 'webhook_secrets'];

class Rollback extends Error {}
async function rolledBack(db: Db, caller: Caller, work: (tx: Queryable) => Promise<void>): Promise<void> {
  await expect(
    asCaller(db, caller, async (tx) => {
      await work(tx);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

/** One row in every engine table for an organization, as the engine would write them. */
async function seedOrgRows(tx: Queryable, orgId: string, integrationId: string): Promise<void> {
  const member = await tx.query<{ id: string }>(
    `insert into sync.members (org_id, first_name, last_name, status) values ($1, 'Test', 'Person', 'active') returning id`,
    [orgId],
  );
  const memberId = member.rows[0]?.id;
  await tx.query(`insert into sync.org_sync_settings (org_id) values ($1)`, [orgId]);
  await tx.query(`insert into sync.conflict_rules (org_id, category, resolution, version) values ($1, 'roles', 'app_wins', 1)`, [orgId]);
  await tx.query(
    `insert into sync.conflicts (org_id, integration_id, member_id, external_id, category, app_value, external_value,
                                 app_changed_at, external_changed_at, rule_resolution, rule_version, proposed_winner)
     values ($1, $2, $3, 'X-1', 'contact_details', '{}', '{}', now(), now(), 'manual_review', 0, 'app')`,
    [orgId, integrationId, memberId],
  );
  const event = await tx.query<{ id: string }>(
    `insert into sync.audit_events (org_id, integration_id, type, actor_kind, actor_label, summary)
     values ($1, $2, 'sync_run', 'engine', 'Sync engine', 'A run') returning id`,
    [orgId, integrationId],
  );
  await tx.query(`insert into sync.audit_member_changes (org_id, event_id, member_id, change, fields) values ($1, $2, $3, 'updated', '[]')`, [
    orgId,
    event.rows[0]?.id,
    memberId,
  ]);
  await tx.query(
    `insert into sync.alerts (org_id, integration_id, kind, severity, actor, message) values ($1, $2, 'stale_late', 'warning', 'operator', 'Late')`,
    [orgId, integrationId],
  );
  await tx.query(`insert into sync.quarantined_records (integration_id, org_id, external_id, reason) values ($1, $2, 'X-2', 'lastName: required')`, [
    integrationId,
    orgId,
  ]);
  await tx.query(
    `insert into sync.source_writes (integration_id, org_id, member_id, external_id, category, patch) values ($1, $2, $3, 'X-1', 'roles', '{"roles":[]}')`,
    [integrationId, orgId, memberId],
  );
  await tx.query(`insert into sync.webhook_events (integration_id, event_id, org_id, outcome) values ($1, 'evt-1', $2, 'applied')`, [
    integrationId,
    orgId,
  ]);
}

describe.each(databaseTargets())('row-level security on the engine tables, $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await openMigrated(target);
    await seedDemo(db, { cornerstoneBaseUrl: 'http://127.0.0.1:9', credentialCiphertext: { ciphertext: 'c', keyId: 'k' } });
    await asCaller(db, service, async (tx) => {
      await seedOrgRows(tx, org1, integration1);
      await seedOrgRows(tx, org2, integration2);
      await tx.query(`insert into sync.webhook_secrets (integration_id, ciphertext, key_id) values ($1, 's', 'k')`, [integration1]);
    });
  });
  afterAll(async () => db?.close());

  const orgsIn = async (tx: Queryable, table: string) =>
    (await tx.query<{ org_id: string }>(`select distinct org_id from sync.${table} order by org_id`)).rows.map((row) => row.org_id);

  it("an organization admin reads only their organization's rows in every engine table", async () => {
    await rolledBack(db, ola, async (tx) => {
      for (const table of readable) expect(await orgsIn(tx, table), table).toEqual([org1]);
    });
  });

  it('the global admin reads every organization', async () => {
    await rolledBack(db, globalAdmin, async (tx) => {
      for (const table of readable) expect(await orgsIn(tx, table), table).toEqual([org1, org2].sort());
    });
  });

  it('a signed-in stranger reads nothing', async () => {
    await rolledBack(db, stranger, async (tx) => {
      for (const table of readable) expect(await orgsIn(tx, table), table).toEqual([]);
    });
  });

  it("no admin may read or write the engine's own tables", async () => {
    for (const caller of [ola, globalAdmin]) {
      for (const table of closed) {
        await expect(
          asCaller(db, caller, (tx) => tx.query(`select 1 from sync.${table}`)),
          table,
        ).rejects.toMatchObject({ code: '42501' });
      }
    }
  });

  it('admins cannot forge engine records: conflicts, audit rows, quarantine, write-backs and webhook events are read-only', async () => {
    for (const sql of [
      `update sync.conflicts set status = 'resolved', winner = 'app', resolved_at = now()`,
      `delete from sync.audit_events`,
      `update sync.audit_events set summary = 'nothing happened'`,
      `insert into sync.audit_member_changes (org_id, event_id, member_id, change, fields) values ('${org1}', gen_random_uuid(), gen_random_uuid(), 'updated', '[]')`,
      `delete from sync.quarantined_records`,
      `update sync.source_writes set status = 'done'`,
      `insert into sync.webhook_events (integration_id, event_id, org_id, outcome) values ('${integration1}', 'forged', '${org1}', 'applied')`,
      `update sync.alerts set status = 'resolved'`,
      `update sync.conflict_rules set resolution = 'external_wins'`,
    ]) {
      await expect(
        asCaller(db, globalAdmin, (tx) => tx.query(sql)),
        sql,
      ).rejects.toMatchObject({ code: '42501' });
    }
  });

  it("an organization admin cannot save rules or settings for another organization, nor in another admin's name", async () => {
    await expect(
      asCaller(db, ola, (tx) =>
        tx.query(`insert into sync.conflict_rules (org_id, category, resolution, version, created_by) values ($1, 'roles', 'app_wins', 9, $2)`, [
          org2,
          DEMO_IDS.admins.ola,
        ]),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      asCaller(db, ola, (tx) =>
        tx.query(`insert into sync.conflict_rules (org_id, category, resolution, version, created_by) values ($1, 'roles', 'app_wins', 9, $2)`, [
          org1,
          DEMO_IDS.admins.global,
        ]),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    const updated = await asCaller(db, ola, (tx) =>
      tx.query(`update sync.org_sync_settings set guard_max_members = 1, updated_by = $2 where org_id = $1`, [org2, DEMO_IDS.admins.ola]),
    );
    expect(updated.affectedRows).toBe(0);
    await rolledBack(db, ola, async (tx) => {
      await tx.query(
        `insert into sync.conflict_rules (org_id, category, resolution, version, created_by) values ($1, 'roles', 'manual_review', 2, $2)`,
        [org1, DEMO_IDS.admins.ola],
      );
    });
  });
});
