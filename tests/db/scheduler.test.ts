// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS, seedDemo } from '../../backend/db/demo-seed.ts';
import type { Db } from '../../backend/db/port.ts';
import { DELTA_OVERLAP_MS, enqueueDueJobs, WEBHOOK_SWEEP_MINUTES } from '../../backend/engine/scheduler.ts';
import { databaseTargets, openMigrated } from './harness.ts';

const SERVICE = { kind: 'service' } as const;
const { friluftslagCornerstone: cornerstone, kystkoretConsio: consio } = DEMO_IDS.integrations;
const sealed = { ciphertext: 'x', keyId: 'k' };

describe.each(databaseTargets())('delta polling intervals on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await openMigrated(target);
    await seedDemo(db, {
      cornerstoneBaseUrl: 'http://127.0.0.1:9',
      credentialCiphertext: sealed,
      consio: { baseUrl: 'http://127.0.0.1:9', credentialCiphertext: sealed },
    });
  });
  afterAll(async () => db?.close());

  const nextDelta = async (integrationId: string) =>
    (await db.query<{ at: Date }>(`select next_delta_sync_at as at from sync.integrations where id = $1`, [integrationId])).rows[0]?.at;

  it('polls hourly where webhooks arrive, and at the interval where the registry could send them but we have no receiver', async () => {
    const watermark = new Date('2026-11-23T10:00:00Z');
    await db.query(
      `update sync.integrations set webhooks_supported = true, delta_watermark = $2, delta_interval_minutes = 15,
              next_full_sync_at = '2026-11-24T01:00:00Z', next_delta_sync_at = null
        where id = any($1::uuid[])`,
      [[cornerstone, consio], watermark],
    );
    const now = new Date('2026-11-23T12:00:00Z');
    await asCaller(db, SERVICE, (tx) => enqueueDueJobs(tx, now));
    expect((await nextDelta(cornerstone))?.getTime()).toBe(now.getTime() + WEBHOOK_SWEEP_MINUTES * 60_000);
    expect((await nextDelta(consio))?.getTime()).toBe(now.getTime() + 15 * 60_000);

    // When that time comes, a delta job is queued from the watermark, less the overlap.
    const later = new Date(now.getTime() + 15 * 60_000);
    expect(await asCaller(db, SERVICE, (tx) => enqueueDueJobs(tx, later))).toBe(1);
    const { rows } = await db.query<{ integration_id: string; kind: string; delta_since: Date }>(
      `select integration_id, kind, delta_since from sync.sync_jobs`,
    );
    expect(rows).toEqual([{ integration_id: consio, kind: 'delta', delta_since: new Date(watermark.getTime() - DELTA_OVERLAP_MS) }]);
  });
});
