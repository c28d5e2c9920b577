// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { DELTA_OVERLAP_MS } from '../../backend/engine/scheduler.ts';
import type { SyncRunView } from '../../shared/contract/runs.ts';
import { databaseTargets } from './harness.ts';
import { openEngineFixture, type EngineFixture } from './support/engine-fixture.ts';
import { GLOBAL, handlerCalls, KARI, OLA, OTHER, OWN, runQueuedJob, STRANGER } from './support/handlers-fixture.ts';

const MEMBERS = 30;

describe.each(databaseTargets())('sync runs through the handlers on $name', (target) => {
  let f: EngineFixture;
  const { call, ok } = handlerCalls(
    () => f.db,
    (integrationId) => f.resolveSource(integrationId),
  );

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: MEMBERS, seed: 31 });
  });
  afterAll(async () => f?.close());

  const health = async () => (await ok(OLA, 'health.list', {}))[0];
  const runStatus = async (runId: string) =>
    (await f.db.query<{ status: string }>(`select status from sync.sync_runs where id = $1`, [runId])).rows[0]?.status;
  const memberStatus = async (externalId: string) =>
    (
      await f.db.query<{ status: string }>(
        `select m.status from sync.members m join sync.member_links l on l.member_id = m.id
          where l.integration_id = $1 and l.external_id = $2`,
        [OWN.integrationId, externalId],
      )
    ).rows[0]?.status;
  const auditTypes = async () =>
    (
      await f.db.query<{ type: string; actor_label: string }>(
        `select type, actor_label from sync.audit_events where type like 'run_%' order by occurred_at`,
      )
    ).rows;

  it('refuses a delta before any full sync and a dry run that is not a full sync, queuing nothing', async () => {
    expect(await call(OLA, 'sync.start', { integrationId: OWN.integrationId, kind: 'delta' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', actor: 'org_admin', message: expect.stringMatching(/never had a full sync.*Run a full sync first/) },
    });
    expect(await call(OLA, 'sync.start', { integrationId: OWN.integrationId, kind: 'delta', dryRun: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'dryRun' }] },
    });
    const { rows } = await f.db.query<{ n: number }>(`select count(*)::int as n from sync.sync_jobs`);
    expect(rows[0]?.n).toBe(0);
  });

  it('a dry run reports what a full sync would do, changes nothing, and does not count as a sync', async () => {
    const started = await ok(OLA, 'sync.start', { integrationId: OWN.integrationId, dryRun: true });
    expect(started).toMatchObject({ alreadyActive: false, job: { kind: 'full', status: 'queued' } });
    const { rows: jobs } = await f.db.query(`select dry_run, requested_by from sync.sync_jobs where id = $1`, [started.job.id]);
    expect(jobs).toEqual([{ dry_run: true, requested_by: DEMO_IDS.admins.ola }]);
    const { outcome, runId } = await runQueuedJob(f.db, f.resolveSource);
    expect(outcome).toBe('succeeded');

    expect(await ok(OLA, 'runs.get', { runId })).toMatchObject({
      id: runId,
      jobId: started.job.id,
      kind: 'full',
      dryRun: true,
      status: 'succeeded',
      counts: { seen: MEMBERS, created: MEMBERS, updated: 0, lapsed: 0, removed: 0, conflictsDetected: 0 },
      summary: { deactivations: 0, absent: 0, absentAction: 'lapse', members: 0, threshold: 0, sampleAbsent: [] },
      decidedBy: null,
    });
    const { rows } = await f.db.query<{ n: number }>(`select count(*)::int as n from sync.members`);
    expect(rows[0]?.n).toBe(0);
    expect(await health()).toMatchObject({ health: 'never_synced', lastRun: null, lastSuccessAt: null, memberCount: 0 });
  });

  it('after a full sync, a delta reads from five minutes before the watermark and leaves the member count alone', async () => {
    await ok(OLA, 'sync.start', { integrationId: OWN.integrationId });
    expect((await runQueuedJob(f.db, f.resolveSource)).outcome).toBe('succeeded');
    expect(await health()).toMatchObject({ health: 'healthy', memberCount: MEMBERS, lastRun: { status: 'succeeded', recordsCreated: MEMBERS } });

    const delta = await ok(OLA, 'sync.start', { integrationId: OWN.integrationId, kind: 'delta' });
    expect(delta.job.kind).toBe('delta');
    const { rows } = await f.db.query<{ delta_since: Date; watermark: Date }>(
      `select j.delta_since, i.delta_watermark as watermark from sync.sync_jobs j join sync.integrations i on i.id = j.integration_id where j.id = $1`,
      [delta.job.id],
    );
    const row = rows[0];
    expect(row && row.watermark.getTime() - row.delta_since.getTime()).toBe(DELTA_OVERLAP_MS);

    f.sim.updateMember(3, { email: 'delta.change@example.org' });
    const { outcome, runId } = await runQueuedJob(f.db, f.resolveSource);
    expect(outcome).toBe('succeeded');
    expect(await ok(OLA, 'runs.get', { runId })).toMatchObject({ kind: 'delta', dryRun: false, counts: { seen: 1, updated: 1 }, summary: null });
    expect(await health()).toMatchObject({ health: 'healthy', memberCount: MEMBERS, lastRun: { id: runId, recordsSeen: 1 } });
  });

  it('a held run waits for an admin of its organization: others cannot see or decide it, Ola rejects it', async () => {
    await ok(OLA, 'settings.update', { orgId: OWN.orgId, absentMemberAction: 'lapse', guardMaxPercent: 10, guardMaxMembers: 0 });
    const index = Array.from({ length: MEMBERS }, (_, i) => i).find((i) => f.sim.member(i).membershipStatus === 'Aktiv') ?? -1;
    const leaving = f.sim.updateMember(index, { membershipStatus: 'Utmeldt' }).memberId;
    const { outcome, runId } = await f.sync();
    expect(outcome).toBe('held');
    expect(await health()).toMatchObject({ health: 'awaiting_approval' });
    const held = await ok(OLA, 'runs.list', { status: 'awaiting_approval' });
    expect(held.items.map((run) => run.id)).toEqual([runId]);
    expect(await ok(OLA, 'runs.get', { runId })).toMatchObject({
      status: 'awaiting_approval',
      summary: { deactivations: 1, absent: 0, absentAction: 'lapse', members: MEMBERS, threshold: 0 },
    });

    for (const caller of [KARI, STRANGER]) {
      expect(await call(caller, 'runs.get', { runId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await call(caller, 'runs.approve', { runId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await call(caller, 'runs.reject', { runId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(await runStatus(runId)).toBe('awaiting_approval');
    expect(await auditTypes()).toEqual([]);

    const { run } = await ok(OLA, 'runs.reject', { runId });
    expect(run).toMatchObject({ status: 'rejected', decidedBy: { userId: DEMO_IDS.admins.ola, displayName: 'Ola Nordmann' } });
    expect(run.decidedAt).not.toBeNull();
    expect(await memberStatus(leaving)).toBe('active');
    expect(await auditTypes()).toEqual([{ type: 'run_rejected', actor_label: 'Ola Nordmann' }]);
    expect(await call(OLA, 'runs.reject', { runId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(OLA, 'runs.approve', { runId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await health()).toMatchObject({ health: 'healthy', lastRun: { id: runId, status: 'rejected' } });
  });

  it('a later full run supersedes a held one, which can then no longer be approved', async () => {
    const first = await f.sync();
    const second = await f.sync();
    expect([first.outcome, second.outcome]).toEqual(['held', 'held']);
    expect(await ok(OLA, 'runs.get', { runId: first.runId })).toMatchObject({ status: 'superseded' });
    expect(await call(OLA, 'runs.approve', { runId: first.runId })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/later full sync replaced/) },
    });
    expect(await health()).toMatchObject({ health: 'awaiting_approval', lastRun: { id: second.runId } });
  });

  it('a global admin approves the held run: it is applied, and Ola sees who decided', async () => {
    const [held] = (await ok(OLA, 'runs.list', { status: 'awaiting_approval' })).items;
    if (!held) throw new Error('no held run');
    const approved = await ok(GLOBAL, 'runs.approve', { runId: held.id });
    // The held member resigned: a change of status, not a lapse.
    expect(approved).toMatchObject({ lapsed: 0, removed: 0, updated: 1, run: { status: 'succeeded', counts: { lapsed: 0, updated: 1 } } });
    expect(await ok(OLA, 'runs.get', { runId: held.id })).toMatchObject({
      decidedBy: { userId: DEMO_IDS.admins.global, displayName: 'Gunn Global' },
    });
    expect((await auditTypes()).at(-1)).toEqual({ type: 'run_approved', actor_label: 'Gunn Global' });
    expect(await health()).toMatchObject({ health: 'healthy', lastRun: { id: held.id, status: 'succeeded' } });
  });

  it('lists runs newest first by keyset: scoped per role, no duplicates or gaps while runs are added', async () => {
    const insertRuns = async (target: { integrationId: string; orgId: string }, startedAt: string[]) => {
      const { rows } = await f.db.query<{ id: string }>(
        `insert into sync.sync_jobs (integration_id, org_id, kind, status, finished_at) values ($1, $2, 'full', 'failed', now()) returning id`,
        [target.integrationId, target.orgId],
      );
      await f.db.query(
        `insert into sync.sync_runs (job_id, integration_id, org_id, kind, status, started_at, finished_at)
         select $1, $2, $3, 'full', 'failed', t, t from unnest($4::timestamptz[]) as t`,
        [rows[0]?.id, target.integrationId, target.orgId, startedAt],
      );
    };
    // Old runs, several sharing a start time to the microsecond, so the id decides between them.
    const old = Array.from({ length: 23 }, (_, i) => `2020-01-${String(1 + Math.floor(i / 3)).padStart(2, '0')}T10:00:00.123456Z`);
    await insertRuns(OWN, old);
    await insertRuns(OTHER, old.slice(0, 5));
    const { rows: expected } = await f.db.query<{ id: string }>(`select id from sync.sync_runs where org_id = $1 order by started_at desc, id desc`, [
      OWN.orgId,
    ]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ok(OLA, 'runs.list', { limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((run: SyncRunView) => run.id));
      cursor = page.nextCursor ?? undefined;
      // Runs that start while Ola pages are newer than his cursor: they go on page one, not into later pages.
      if (pages++ === 0) await insertRuns(OWN, [new Date().toISOString(), new Date().toISOString()]);
    } while (cursor);
    expect(seen).toEqual(expected.map((row) => row.id));
    expect(pages).toBe(Math.ceil(expected.length / 4));

    const byIntegration = await ok(OLA, 'runs.list', { integrationId: OWN.integrationId, limit: 100 });
    expect(byIntegration.items).toHaveLength(expected.length + 2);
    expect(byIntegration.nextCursor).toBeNull();
    expect(await ok(OLA, 'runs.list', { orgId: OTHER.orgId })).toEqual({ items: [], nextCursor: null });
    expect(await ok(OLA, 'runs.list', { integrationId: OTHER.integrationId })).toEqual({ items: [], nextCursor: null });
    expect(await ok(STRANGER, 'runs.list', {})).toEqual({ items: [], nextCursor: null });
    const others = await ok(GLOBAL, 'runs.list', { orgId: OTHER.orgId, limit: 100 });
    expect(others.items).toHaveLength(5);
    const otherRun = others.items[0]?.id ?? '';
    expect(await call(OLA, 'runs.get', { runId: otherRun })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ok(GLOBAL, 'runs.get', { runId: otherRun })).toMatchObject({ orgId: OTHER.orgId, status: 'failed' });
    expect(await ok(GLOBAL, 'runs.list', { limit: 100 })).toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ id: otherRun })]),
    });
  });

  it('refuses a cursor it did not hand out and page sizes out of range', async () => {
    for (const input of [{ cursor: 'bm90LWEtY3Vyc29y' }, { cursor: '!!!' }, { limit: 101 }, { limit: 0 }]) {
      expect(await call(OLA, 'runs.list', input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });
});
