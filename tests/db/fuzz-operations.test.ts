// @vitest-environment node
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedHost, type EmbeddedHost } from '../../electron/main/host/embedded-host.ts';
import { generateCredentialKey } from '../../backend/crypto/credential-box.ts';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { asCaller } from '../../backend/db/as-caller.ts';
import { raiseAlert } from '../../backend/engine/alerts.ts';
import { operations, type OperationName } from '../../shared/contract/operations.ts';
import { operationInput, type IdPools } from '../support/fuzz/contract-arbitraries.ts';
import { assertPrototypesIntact, unpresentable, within } from '../support/fuzz/presentable.ts';
import { FUZZ_RUNS, FUZZ_SEED } from '../support/fuzz/settings.ts';

/**
 * Every operation of the contract, fuzzed through the embedded host's real router, handlers and
 * demo session on PGlite, after the worker has synced every registry once and stopped. Inputs are
 * derived from each operation's own input schema: mostly shaped like valid input, with ids
 * that exist, so they reach the handlers and their SQL, and then made hostile. Every answer
 * must be a value or a typed, presentable error: never `internal`, never SQL, a stack or a
 * path, never longer than an error may be; no call may hang.
 */

const SERVICE = { kind: 'service' } as const;
const admins = Object.values(DEMO_IDS.admins);

describe('every operation, fuzzed with hostile input through the embedded host', () => {
  let host: EmbeddedHost;
  let pools: IdPools;
  const internalFailures: string[] = [];

  beforeAll(async () => {
    host = await startEmbeddedHost({
      dataDir: null,
      credentialKey: { keyId: 'fuzz', keyBase64: generateCredentialKey() },
      cornerstone: { memberCount: 120 },
      consio: { memberCount: 60 },
      workerPollIntervalMs: 50,
      // The router logs what it answers as `internal`; each such line is a finding.
      log: (line) => {
        if (line.startsWith('Operation ')) internalFailures.push(line);
      },
    });
    for (const integrationId of Object.values(DEMO_IDS.integrations)) {
      expect(await host.dispatch('sync.start', { integrationId })).toMatchObject({ ok: true });
    }
    await host.worker.idle();
    // A conflict waiting for review, and an open alert, so their ids exist to be fuzzed.
    const member = host.cornerstone.member(3);
    await asCaller(host.db, SERVICE, (tx) =>
      tx.query(
        `update sync.members m set email = 'app.edit@example.org' from sync.member_links l
          where l.member_id = m.id and l.integration_id = $1 and l.external_id = $2`,
        [DEMO_IDS.integrations.friluftslagCornerstone, member.memberId],
      ),
    );
    host.cornerstone.updateMember(3, { email: 'registry.edit@example.org' });
    expect(await host.dispatch('sync.start', { integrationId: DEMO_IDS.integrations.friluftslagCornerstone })).toMatchObject({ ok: true });
    await host.worker.idle();
    await asCaller(host.db, SERVICE, (tx) =>
      raiseAlert(tx, {
        orgId: DEMO_IDS.organizations.friluftslag,
        integrationId: DEMO_IDS.integrations.friluftslagCornerstone,
        kind: 'records_quarantined',
        severity: 'warning',
        actor: 'vendor',
        message: 'Records were set aside.',
      }),
    );
    // Vipps logins with enrichment on: a written number, a birth-date case to review, and a write
    // still failing, so their event ids exist to be fuzzed.
    expect(
      await host.dispatch('enrichment.updateSettings', {
        orgId: DEMO_IDS.organizations.friluftslag,
        enabled: true,
        legalBasis: 'Reporting to the municipality by personnummer, required for the grant.',
      }),
    ).toMatchObject({ ok: true });
    await host.vipps.linkMembers();
    const person = (kind: 'writable' | 'birth_date_typo', skip = 0) => {
      const index = host.vipps.cornerstoneCandidate(kind, skip);
      const found = index === null ? null : host.vipps.personFor('cornerstone', host.cornerstone.member(index).memberId);
      if (!found) throw new Error(`no ${kind} member`);
      return found;
    };
    expect(await host.vipps.login(person('writable'))).toMatchObject({ status: 200, body: { written: 1 } });
    expect(await host.vipps.login(person('birth_date_typo'))).toMatchObject({ status: 200, body: { toReview: 1 } });
    host.cornerstone.failNext(1, 422);
    expect(await host.vipps.login(person('writable', 1))).toMatchObject({ status: 200, body: { failed: 1 } });
    const ids = async (sql: string) => (await host.db.query<{ id: string }>(sql)).rows.map((row) => row.id);
    pools = {
      orgId: Object.values(DEMO_IDS.organizations),
      integrationId: Object.values(DEMO_IDS.integrations),
      userId: admins,
      runId: await ids(`select id from sync.sync_runs`),
      jobId: await ids(`select id from sync.sync_jobs`),
      conflictId: await ids(`select id from sync.conflicts`),
      alertId: await ids(`select id from sync.alerts`),
      eventId: [...(await ids(`select id from sync.audit_events`)), ...(await ids(`select id from sync.enrichment_events`))],
    };
    expect(pools['conflictId']).not.toHaveLength(0);
    expect(pools['alertId']).not.toHaveLength(0);
    // From here on nothing runs in the background, so a seed replays the same answers: sync.start
    // queues jobs that no worker picks up.
    await host.worker.stop();
  }, 180_000);
  afterAll(async () => host?.close());

  it.each(Object.keys(operations) as OperationName[])(
    '%s answers every input with a value or a presentable error',
    async (operation) => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...admins), operationInput(operations[operation].input, pools), async (userId, input) => {
          // Fuzz as each demo admin: a global one, organization admins, and one of another organization.
          if (operation !== 'session.actAs') await host.dispatch('session.actAs', { userId });
          const logged = internalFailures.length;
          const answer = await within(10_000, operation, host.dispatch(operation, input));
          const problem = unpresentable(answer);
          if (problem !== null || internalFailures.length > logged) {
            throw new Error(`${operation}: ${problem ?? 'the router logged an internal failure'}\n${internalFailures.slice(logged).join('\n')}`);
          }
          assertPrototypesIntact();
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
      );
    },
    120_000,
  );

  it('leaves the host answering', async () => {
    expect(await host.dispatch('session.get', {})).toMatchObject({ ok: true });
    expect(await host.dispatch('health.list', {})).toMatchObject({ ok: true });
    expect(internalFailures).toEqual([]);
  });
});
