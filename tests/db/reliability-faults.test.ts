// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { databaseTargets } from './harness.ts';
import { consioCase, cornerstoneCase, type OpenedRegistry } from './support/registry-cases.ts';
import { expectDatabaseEqualsTruth, truthChanges } from './support/registry-truth.ts';
import { fullSyncWithWorker } from './support/worker-sync.ts';

const MEMBERS = 2_500;
// A registry's month: few enough lapses to stay under the safety guard (10 % or 500), so the
// run applies them instead of holding them for approval.
const EVOLUTION = { joins: 60, lapses: 40, roleChanges: 50, chapterMoves: 30, contactChanges: 50 } as const;

describe.each(databaseTargets())('reliability under faults on $name', (target) => {
  let registry: OpenedRegistry | undefined;
  afterEach(async () => {
    await registry?.close();
    registry = undefined;
  });

  // A simulator draws its failures from a PRNG seeded by its seed, so a run meets the same ones
  // every time. At 500 (Cornerstone) or 1 000 (Consio) members a page, a sync of 2 500 makes only
  // 3 to 6 data requests, and at 10 % many seeds meet no failure at all in one of the two syncs;
  // these seeds meet some in both. If the engine ever asks for pages differently, pick new ones.
  it.each([
    { registry: cornerstoneCase, seed: 40, name: cornerstoneCase.name },
    { registry: consioCase, seed: 58, name: consioCase.name },
  ])(
    '$name: with 10 % of requests failing and 1 % of records malformed, two full syncs end equal to the registry',
    async ({ registry: registryCase, seed }) => {
      const opened = await registryCase.open(target, { memberCount: MEMBERS, seed });
      registry = opened;
      opened.setTransientFailureRate(0.1);
      opened.setInvalidRecordRate(0.01);

      // First sync: everything is new.
      const first = opened.truth();
      const total = first.valid.size + first.invalid.size;
      expect(first.invalid.size, 'the lever makes some records invalid').toBeGreaterThan(0);
      const one = await fullSyncWithWorker(opened.db, opened.resolveSource, opened.target);
      expect(one.job).toMatchObject({ status: 'succeeded', attempt: 1, processed: total, total });
      expect(one.run).toMatchObject({
        status: 'succeeded',
        records_total: total,
        records_seen: total,
        records_created: first.valid.size,
        records_updated: 0,
        records_quarantined: first.invalid.size,
      });
      const faultsOne = opened.faultStats();
      expect(faultsOne.transientFailures, 'the simulator failed some requests').toBeGreaterThan(0);
      // Each failure was retried over HTTP until the page came: one page served per slice, none twice.
      expect(faultsOne.pagesServed).toBe(one.slices);
      await expectDatabaseEqualsTruth(opened.db, opened.target, first);

      // The registry changes; faults stay on.
      opened.resetStats();
      opened.evolve(EVOLUTION);
      const second = opened.truth();
      const { created, changed } = truthChanges(first, second);
      expect(created, 'some of the joiners are valid').toBeGreaterThan(0);
      expect(changed, 'the evolution changed valid members').toBeGreaterThan(0);
      const total2 = second.valid.size + second.invalid.size;
      const two = await fullSyncWithWorker(opened.db, opened.resolveSource, opened.target);
      expect(two.job).toMatchObject({ status: 'succeeded', attempt: 1, processed: total2, total: total2 });
      expect(two.run).toMatchObject({
        status: 'succeeded',
        records_total: total2,
        records_seen: total2,
        records_created: created,
        records_quarantined: second.invalid.size,
        records_unchanged: second.valid.size - created - changed,
      });
      // Lapses are held back during the run and applied at its end, so they count as lapsed, not updated.
      expect(two.run.records_updated + two.run.records_lapsed).toBe(changed);
      const faultsTwo = opened.faultStats();
      expect(faultsTwo.transientFailures, 'the simulator failed some requests').toBeGreaterThan(0);
      expect(faultsTwo.pagesServed).toBe(two.slices);
      await expectDatabaseEqualsTruth(opened.db, opened.target, second);
    },
  );
});
