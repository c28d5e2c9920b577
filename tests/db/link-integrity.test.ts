// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS, seedDemo } from '../../backend/db/demo-seed.ts';
import type { Db, Queryable } from '../../backend/db/port.ts';
import { databaseTargets, openMigrated } from './harness.ts';

const { friluftslag, ungdom } = DEMO_IDS.organizations;
const { friluftslagCornerstone, ungdomCornerstone } = DEMO_IDS.integrations;
const SERVICE = { kind: 'service' } as const;
const GLOBAL = { kind: 'user', userId: DEMO_IDS.admins.global, email: 'global@demo.local' } as const;

async function member(tx: Queryable, orgId: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into sync.members (org_id, first_name, last_name, status) values ($1, 'Test', 'Person', 'active') returning id`,
    [orgId],
  );
  return rows[0]?.id ?? '';
}

const link = (tx: Queryable, integrationId: string, orgId: string, memberId: string) =>
  tx.query(`insert into sync.member_links (integration_id, external_id, member_id, org_id, source_updated_at) values ($1, $2, $3, $4, now())`, [
    integrationId,
    `X-${randomUUID()}`,
    memberId,
    orgId,
  ]);

// member_links is checked per statement instead of by row-level foreign keys (see the migration
// 20261123110600): the same rules must hold.
describe.each(databaseTargets())('member link integrity on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await openMigrated(target);
    await seedDemo(db, { cornerstoneBaseUrl: 'http://127.0.0.1:9', credentialCiphertext: { ciphertext: 'c', keyId: 'k' } });
  });
  afterAll(async () => db?.close());

  it('refuses a link whose integration belongs to another organization', async () => {
    await expect(asCaller(db, SERVICE, async (tx) => link(tx, ungdomCornerstone, friluftslag, await member(tx, friluftslag)))).rejects.toMatchObject({
      code: '23503',
    });
  });

  it('refuses a link to a member of another organization, or to no member', async () => {
    await expect(asCaller(db, SERVICE, async (tx) => link(tx, friluftslagCornerstone, friluftslag, await member(tx, ungdom)))).rejects.toMatchObject({
      code: '23503',
    });
    await expect(asCaller(db, SERVICE, (tx) => link(tx, friluftslagCornerstone, friluftslag, randomUUID()))).rejects.toMatchObject({ code: '23503' });
  });

  it('refuses an update that moves a link to another organization', async () => {
    const memberId = await asCaller(db, SERVICE, async (tx) => {
      const id = await member(tx, friluftslag);
      await link(tx, friluftslagCornerstone, friluftslag, id);
      return id;
    });
    await expect(
      asCaller(db, SERVICE, (tx) => tx.query(`update sync.member_links set org_id = $2 where member_id = $1`, [memberId, ungdom])),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it("removes a deleted member's links, and an integration's links when a global admin deletes it", async () => {
    const memberId = await asCaller(db, SERVICE, async (tx) => {
      const id = await member(tx, ungdom);
      await link(tx, ungdomCornerstone, ungdom, id);
      return id;
    });
    const count = async () =>
      (await db.query<{ n: number }>(`select count(*)::int as n from sync.member_links where integration_id = $1`, [ungdomCornerstone])).rows[0]?.n;
    expect(await count()).toBe(1);
    await asCaller(db, SERVICE, (tx) => tx.query(`delete from sync.members where id = $1`, [memberId]));
    expect(await count()).toBe(0);

    await asCaller(db, SERVICE, async (tx) => link(tx, ungdomCornerstone, ungdom, await member(tx, ungdom)));
    expect(await count()).toBe(1);
    await asCaller(db, GLOBAL, (tx) => tx.query(`delete from sync.integrations where id = $1`, [ungdomCornerstone]));
    expect(await count()).toBe(0);
  });
});

describe.each(databaseTargets())('member integrity on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await openMigrated(target);
    await seedDemo(db, { cornerstoneBaseUrl: 'http://127.0.0.1:9', credentialCiphertext: { ciphertext: 'c', keyId: 'k' } });
  });
  afterAll(async () => db?.close());

  it('refuses a member of an organization that does not exist', async () => {
    await expect(asCaller(db, SERVICE, (tx) => member(tx, randomUUID()))).rejects.toMatchObject({ code: '23503' });
  });

  it("deleting an organization removes its members and their links, and no other organization's", async () => {
    await asCaller(db, SERVICE, async (tx) => {
      await link(tx, ungdomCornerstone, ungdom, await member(tx, ungdom));
      await link(tx, friluftslagCornerstone, friluftslag, await member(tx, friluftslag));
    });
    await asCaller(db, GLOBAL, (tx) => tx.query(`delete from sync.organizations where id = $1`, [ungdom]));
    const { rows } = await db.query<{ org_id: string }>(`select m.org_id from sync.members m union all select l.org_id from sync.member_links l`);
    expect(rows.map((row) => row.org_id)).toEqual([friluftslag, friluftslag]);
  });
});
