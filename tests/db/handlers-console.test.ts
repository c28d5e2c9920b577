// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import type { MemberSource } from '../../backend/adapters/member-source.ts';
import { raiseAlert } from '../../backend/engine/alerts.ts';
import { claimNextJob, openRun, yieldJob } from '../../backend/engine/job-store.ts';
import { runJob } from '../../backend/engine/run-job.ts';
import { enqueueDueJobs } from '../../backend/engine/scheduler.ts';
import type { BridgeResult } from '../../shared/contract/bridge.ts';
import { databaseTargets } from './harness.ts';
import { openEngineFixture, SERVICE, type EngineFixture } from './support/engine-fixture.ts';
import { appEditIn, GLOBAL, handlerCalls, KARI, OLA, OTHER, OWN, personnummerLike, STRANGER } from './support/handlers-fixture.ts';

/** More than one registry page (500), so a cancel can land between slices. */
const MEMBERS = 1200;

/**
 * What the console's health board and run history read: cancelling a sync, the last full and
 * delta runs side by side, held runs, pending conflicts and open alerts per integration, what
 * queued a job, the records a run set aside, and alerts that carry their values. Each as a
 * global admin, an admin of the organization, and an admin of another organization.
 */
describe.each(databaseTargets())('the console operations on $name', (target) => {
  let f: EngineFixture;
  const { call, ok } = handlerCalls(
    () => f.db,
    (integrationId) => f.resolveSource(integrationId),
  );

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: MEMBERS, seed: 47 });
  }, 60_000);
  afterAll(async () => f?.close());

  const boardOf = async (caller: typeof OLA, integrationId: string) =>
    (await ok(caller, 'health.list', {})).find((row) => row.integrationId === integrationId);
  const notFound = { ok: false, error: { code: 'not_found' } };
  const auditOf = async (type: string) =>
    (
      await f.db.query<{ actor_label: string; run_id: string | null; org_id: string; detail: Record<string, unknown> }>(
        `select actor_label, run_id, org_id, detail from sync.audit_events where type = $1 order by occurred_at`,
        [type],
      )
    ).rows;

  it('a queued job is cancelled by an admin of its organization or a global admin, and never runs; others get not_found', async () => {
    const { job } = await ok(GLOBAL, 'sync.start', { integrationId: OTHER.integrationId });
    expect(job).toMatchObject({ status: 'queued', trigger: 'manual' });
    expect(await boardOf(KARI, OTHER.integrationId)).toMatchObject({ activeJob: { id: job.id, trigger: 'manual' } });

    for (const caller of [OLA, STRANGER]) expect(await call(caller, 'sync.cancel', { jobId: job.id })).toMatchObject(notFound);
    expect(await ok(GLOBAL, 'sync.job', { jobId: job.id })).toMatchObject({ status: 'queued' });

    const cancelled = await ok(KARI, 'sync.cancel', { jobId: job.id });
    expect(cancelled).toMatchObject({ id: job.id, status: 'cancelled', trigger: 'manual' });
    expect(cancelled.finishedAt).not.toBeNull();
    // Twice is a clear conflict, for the global admin too, never a crash.
    for (const caller of [KARI, GLOBAL]) {
      expect(await call(caller, 'sync.cancel', { jobId: job.id })).toMatchObject({
        ok: false,
        error: { code: 'conflict', actor: 'org_admin', message: 'This sync was already cancelled.' },
      });
    }
    expect(await asCaller(f.db, SERVICE, (tx) => claimNextJob(tx, 'w'))).toBeNull();
    expect(await boardOf(KARI, OTHER.integrationId)).toMatchObject({ activeJob: null, lastRun: null, health: 'never_synced' });

    expect(await auditOf('sync_cancelled')).toEqual([
      { actor_label: 'Kari Nordmann', run_id: null, org_id: OTHER.orgId, detail: { jobId: job.id, kind: 'full', dryRun: false, wasRunning: false } },
    ]);
    const ownTrail = await ok(OLA, 'audit.list', { types: ['sync_cancelled'] });
    expect(ownTrail.items).toEqual([]);
    const otherTrail = await ok(KARI, 'audit.list', { types: ['sync_cancelled'] });
    expect(otherTrail.items).toMatchObject([{ type: 'sync_cancelled', actor: { kind: 'admin', id: DEMO_IDS.admins.kari } }]);
  });

  it('a running sync cancelled by its admin stops at the next checkpoint, and its run ends as cancelled', async () => {
    const { job } = await ok(OLA, 'sync.start', { integrationId: OWN.integrationId });
    const claimed = await asCaller(f.db, SERVICE, (tx) => claimNextJob(tx, 'w'));
    if (!claimed || claimed.id !== job.id) throw new Error('could not claim the job just queued');
    const real = await f.resolveSource(OWN.integrationId);

    // Once the first page is written, the admins try to cancel. The engine fetches the second
    // page while it writes the first, so that fetch is held until the cancels have answered.
    const answers: Record<string, BridgeResult> = {};
    let cancelNow: () => void = () => undefined;
    const cancelsDone = new Promise<void>((resolve) => {
      cancelNow = () =>
        void (async () => {
          answers['kari'] = await call(KARI, 'sync.cancel', { jobId: job.id });
          answers['stranger'] = await call(STRANGER, 'sync.cancel', { jobId: job.id });
          answers['ola'] = await call(OLA, 'sync.cancel', { jobId: job.id });
          resolve();
        })();
    });
    let pagesAsked = 0;
    const held: MemberSource = {
      ...real,
      listMembers: async (cursor) => {
        if (++pagesAsked === 2) await cancelsDone;
        return real.listMembers(cursor);
      },
    };
    let slices = 0;
    const outcome = await runJob(f.db, claimed, async () => held, {
      workerId: 'w',
      sleep: async () => undefined,
      onProgress: () => {
        if (++slices === 1) cancelNow();
      },
    });

    expect(outcome).toBe('cancelled');
    expect(answers['kari']).toMatchObject(notFound);
    expect(answers['stranger']).toMatchObject(notFound);
    // The job the admin gets back is cancelled at once; the worker ends the run.
    expect(answers['ola']).toMatchObject({ ok: true, value: { id: job.id, status: 'cancelled', trigger: 'manual' } });
    expect(slices).toBe(1);

    const { rows } = await f.db.query<{ id: string }>(`select id from sync.sync_runs where job_id = $1`, [job.id]);
    const runId = rows[0]?.id ?? '';
    const run = await ok(OLA, 'runs.get', { runId });
    expect(run).toMatchObject({ status: 'cancelled', kind: 'full', trigger: 'manual', dryRun: false, counts: { seen: 500 } });
    expect(run.finishedAt).not.toBeNull();
    expect(run.durationMs).not.toBeNull();
    expect(await ok(OLA, 'sync.job', { jobId: job.id })).toMatchObject({ status: 'cancelled' });
    expect(await call(OLA, 'sync.cancel', { jobId: job.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await boardOf(OLA, OWN.integrationId)).toMatchObject({
      activeJob: null,
      lastRun: { id: runId, kind: 'full', status: 'cancelled', trigger: 'manual' },
      lastFullRun: { id: runId, status: 'cancelled' },
      lastDeltaRun: null,
    });
    expect((await auditOf('sync_cancelled')).at(-1)).toEqual({
      actor_label: 'Ola Nordmann',
      run_id: runId,
      org_id: OWN.orgId,
      detail: { jobId: job.id, kind: 'full', dryRun: false, wasRunning: true },
    });
    // The run's own event says it ended cancelled.
    const { rows: ended } = await f.db.query<{ summary: string }>(`select summary from sync.audit_events where type = 'sync_run' and run_id = $1`, [
      runId,
    ]);
    expect(ended).toEqual([{ summary: 'Full sync was cancelled.' }]);
  });

  it('a job a worker handed back to the queue mid-run is cancelled with its open run', async () => {
    const { job } = await ok(OLA, 'sync.start', { integrationId: OWN.integrationId, dryRun: true });
    const runId = await asCaller(f.db, SERVICE, async (tx) => {
      const claimed = await claimNextJob(tx, 'w');
      if (!claimed) throw new Error('no job');
      const opened = await openRun(tx, claimed, 'w');
      await yieldJob(tx, claimed.id, 'w');
      return opened ?? '';
    });
    expect(await ok(OLA, 'sync.job', { jobId: job.id })).toMatchObject({ status: 'queued' });

    expect(await ok(OLA, 'sync.cancel', { jobId: job.id })).toMatchObject({ status: 'cancelled' });
    expect(await ok(OLA, 'runs.get', { runId })).toMatchObject({ status: 'cancelled', dryRun: true });
    expect(await asCaller(f.db, SERVICE, (tx) => claimNextJob(tx, 'w'))).toBeNull();
    expect((await auditOf('sync_cancelled')).at(-1)).toMatchObject({ run_id: runId, detail: { dryRun: true, wasRunning: false } });
  });

  it('a finished sync cannot be cancelled; the board shows the last full and the last delta run side by side', async () => {
    const full = await f.sync();
    expect(full.outcome).toBe('succeeded');
    const { rows } = await f.db.query<{ job_id: string }>(`select job_id from sync.sync_runs where id = $1`, [full.runId]);
    const jobId = rows[0]?.job_id ?? '';
    expect(await call(OLA, 'sync.cancel', { jobId })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This sync has already finished; there is nothing to cancel.' },
    });
    expect(await call(KARI, 'sync.cancel', { jobId })).toMatchObject(notFound);

    await ok(OLA, 'sync.start', { integrationId: OWN.integrationId, kind: 'delta' });
    const claimed = await asCaller(f.db, SERVICE, (tx) => claimNextJob(tx, 'w'));
    if (!claimed) throw new Error('no delta job');
    expect(await runJob(f.db, claimed, () => f.resolveSource(OWN.integrationId), { workerId: 'w', sleep: async () => undefined })).toBe('succeeded');
    const board = await boardOf(OLA, OWN.integrationId);
    expect(board).toMatchObject({
      health: 'healthy',
      memberCount: MEMBERS,
      lastRun: { kind: 'delta', status: 'succeeded', trigger: 'manual' },
      lastFullRun: { id: full.runId, kind: 'full', status: 'succeeded', recordsCreated: MEMBERS - 500 },
      lastDeltaRun: { kind: 'delta', status: 'succeeded' },
      heldRunId: null,
      pendingConflicts: 0,
      openAlerts: { total: 0, errors: 0 },
    });
    expect(board?.lastDeltaRun?.id).toBe(board?.lastRun?.id);
    expect(await ok(GLOBAL, 'health.list', { orgId: OWN.orgId })).toMatchObject([{ lastFullRun: { id: full.runId } }]);
    expect(await ok(KARI, 'health.list', { orgId: OWN.orgId })).toEqual([]);
  });

  it('a job the schedule queued says so, on the board and in run history', async () => {
    await f.db.query(`update sync.integrations set next_full_sync_at = now() - interval '1 minute' where id = $1`, [OWN.integrationId]);
    expect(await asCaller(f.db, SERVICE, (tx) => enqueueDueJobs(tx, new Date()))).toBeGreaterThanOrEqual(1);
    const board = await boardOf(OLA, OWN.integrationId);
    expect(board).toMatchObject({ health: 'syncing', activeJob: { status: 'queued', trigger: 'schedule' } });
    const jobId = board?.activeJob?.id ?? '';
    expect(await ok(OLA, 'sync.job', { jobId })).toMatchObject({ trigger: 'schedule' });
    const claimed = await asCaller(f.db, SERVICE, (tx) => claimNextJob(tx, 'w'));
    if (!claimed) throw new Error('no scheduled job');
    await runJob(f.db, claimed, () => f.resolveSource(OWN.integrationId), { workerId: 'w', sleep: async () => undefined });
    const [latest] = (await ok(OLA, 'runs.list', { integrationId: OWN.integrationId, limit: 1 })).items;
    expect(latest).toMatchObject({ jobId, trigger: 'schedule' });
    expect(await boardOf(OLA, OWN.integrationId)).toMatchObject({ lastRun: { trigger: 'schedule' }, lastFullRun: { trigger: 'schedule' } });
  });

  it('lists the records a run set aside with their reasons, by keyset, to its own admins only, without personnummer', async () => {
    f.sim.updateMember(4, { firstName: 'Ha\u0000kon' });
    f.sim.updateMember(6, { lastName: 'Bø\u0000' });
    f.sim.updateMember(7, { firstName: '\u0000Kari' });
    const { outcome, runId } = await f.sync();
    expect(outcome).toBe('succeeded');
    expect(await ok(OLA, 'runs.get', { runId })).toMatchObject({ counts: { quarantined: 3 } });

    const first = await ok(OLA, 'runs.quarantined', { runId, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await ok(OLA, 'runs.quarantined', { runId, limit: 2, cursor: first.nextCursor ?? '' });
    expect(second).toMatchObject({ nextCursor: null });
    const items = [...first.items, ...second.items];
    expect(items.map((item) => item.externalId).sort()).toEqual([4, 6, 7].map((i) => f.sim.member(i).memberId).sort());
    for (const item of items) {
      expect(item).toMatchObject({ reason: expect.stringMatching(/firstName|lastName/), occurrences: 1, resolvedAt: null });
    }
    // Why, as codes the console puts in its own words: the canonical field and the problem.
    expect(Object.fromEntries(items.map((item) => [item.externalId, item.problems]))).toEqual({
      [f.sim.member(4).memberId]: [{ field: 'firstName', problem: 'unstorable_text' }],
      [f.sim.member(6).memberId]: [{ field: 'lastName', problem: 'unstorable_text' }],
      [f.sim.member(7).memberId]: [{ field: 'firstName', problem: 'unstorable_text' }],
    });
    // A row kept before the problems were (an empty array) still has its reason to show; and an
    // entry this version does not know is left out rather than failing the page.
    const [older, odd] = items;
    await f.db.query(`update sync.quarantined_records set problems = '[]' where id = $1`, [older?.id]);
    await f.db.query(
      `update sync.quarantined_records set problems = '[{"field": "email", "problem": "invalid"}, {"field": null, "problem": "not_yet_known"}, 7]'
        where id = $1`,
      [odd?.id],
    );
    const reread = new Map((await ok(OLA, 'runs.quarantined', { runId, limit: 10 })).items.map((item) => [item.id, item]));
    expect(reread.get(older?.id ?? '')).toMatchObject({ problems: [], reason: older?.reason });
    expect(reread.get(odd?.id ?? '')?.problems).toEqual([{ field: 'email', problem: 'invalid' }]);
    await expect(f.db.query(`update sync.quarantined_records set problems = '{"field": "email"}' where id = $1`, [odd?.id])).rejects.toThrow(
      /quarantined_records_problems_array/,
    );
    await expect(
      f.db.query(
        `update sync.quarantined_records set problems = (select jsonb_agg(jsonb_build_object('field', null, 'problem', 'invalid')) from generate_series(1, 11)) where id = $1`,
        [odd?.id],
      ),
    ).rejects.toThrow(/quarantined_records_problems_array/);
    const everything = JSON.stringify(items);
    expect(personnummerLike(everything)).toEqual([]);
    for (const i of [4, 6, 7]) expect(everything).not.toContain(f.sim.member(i).nationalIdentityNumber ?? 'no personnummer');

    expect(await call(KARI, 'runs.quarantined', { runId, limit: 10 })).toMatchObject(notFound);
    expect(await call(STRANGER, 'runs.quarantined', { runId, limit: 10 })).toMatchObject(notFound);
    expect((await ok(GLOBAL, 'runs.quarantined', { runId, limit: 10 })).items).toHaveLength(3);
    expect(await call(OLA, 'runs.quarantined', { runId, limit: 10, cursor: 'not-a-cursor' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    // The alert carries the run and the count, so the renderer can write its own sentence.
    const alerts = await ok(OLA, 'alerts.list', { integrationId: OWN.integrationId });
    expect(alerts.items).toMatchObject([{ kind: 'records_quarantined', detail: { runId, quarantined: 3 } }]);
    expect((await ok(KARI, 'alerts.list', {})).items).toEqual([]);
    expect(await boardOf(OLA, OWN.integrationId)).toMatchObject({ openAlerts: { total: 1, errors: 0 } });

    // A dry run counts what it would set aside and stores none of it.
    const dry = await f.sync({ dryRun: true });
    expect(await ok(OLA, 'runs.get', { runId: dry.runId })).toMatchObject({ dryRun: true, counts: { quarantined: 3 } });
    expect(await ok(OLA, 'runs.quarantined', { runId: dry.runId, limit: 10 })).toEqual({ items: [], nextCursor: null });
    expect((await ok(OLA, 'runs.quarantined', { runId, limit: 10 })).items).toHaveLength(3);
  });

  it('a dry run shows what a full sync would change, deactivations included, and changes nothing', async () => {
    await ok(OLA, 'settings.update', { orgId: OWN.orgId, absentMemberAction: 'lapse', guardMaxPercent: 10, guardMaxMembers: 0 });
    const index = Array.from({ length: 40 }, (_, i) => i).find((i) => i > 10 && f.sim.member(i).membershipStatus === 'Aktiv') ?? -1;
    f.sim.updateMember(index, { membershipStatus: 'Utmeldt' });
    f.sim.updateMember(index + 1, { email: 'dry.run@example.org' });
    const before = await f.db.query(`select id, status, email from sync.members order by id`);

    const dry = await f.sync({ dryRun: true });
    expect(dry.outcome).toBe('succeeded');
    expect(await ok(OLA, 'runs.get', { runId: dry.runId })).toMatchObject({
      dryRun: true,
      status: 'succeeded',
      counts: { seen: MEMBERS, updated: 1, quarantined: 3, created: 0 },
      summary: { deactivations: 1, absent: 0, absentAction: 'lapse', members: MEMBERS, threshold: 0 },
    });
    expect((await f.db.query(`select id, status, email from sync.members order by id`)).rows).toEqual(before.rows);
    // The board shows the preview beside the real runs, which it does not replace.
    expect(await boardOf(OLA, OWN.integrationId)).toMatchObject({ lastPreviewRun: { id: dry.runId, status: 'succeeded' } });
    expect((await boardOf(OLA, OWN.integrationId))?.lastFullRun?.id).not.toBe(dry.runId);
    expect((await ok(OLA, 'sync.job', { jobId: (await ok(OLA, 'runs.get', { runId: dry.runId })).jobId })).dryRun).toBe(true);
    const { rows: scratch } = await f.db.query<{ n: number }>(`select count(*)::int as n from sync.staged_member_changes where run_id = $1`, [
      dry.runId,
    ]);
    expect(scratch).toEqual([{ n: 0 }]);
    expect(await call(KARI, 'runs.get', { runId: dry.runId })).toMatchObject(notFound);
  });

  it('the board counts pending conflicts and open alerts per integration, and links the held run; its alert carries the run id', async () => {
    // Both sides change one member's contact details: manual review by default.
    const contested = f.sim.member(20).memberId;
    await appEditIn(f.db, OWN.integrationId, contested, `email = $3`, ['app.side@example.org']);
    f.sim.updateMember(20, { email: 'registry.side@example.org' });
    // The deactivation staged above is over the threshold of 0: the run is held.
    const held = await f.sync();
    expect(held.outcome).toBe('held');
    await asCaller(f.db, SERVICE, (tx) =>
      raiseAlert(tx, {
        ...OWN,
        kind: 'credentials_failed',
        severity: 'error',
        actor: 'org_admin',
        message: 'The registry refused the saved credentials.',
        detail: { errorCode: 'source_auth_failed' },
      }),
    );

    const board = await boardOf(OLA, OWN.integrationId);
    expect(board).toMatchObject({
      health: 'awaiting_approval',
      heldRunId: held.runId,
      pendingConflicts: 1,
      openAlerts: { total: 3, errors: 1, unacknowledged: 3 },
      lastFullRun: { id: held.runId, status: 'awaiting_approval' },
    });
    expect(await boardOf(GLOBAL, OWN.integrationId)).toEqual(board);
    // Acknowledged alerts stay open until their cause is gone, but the badge stops counting them.
    const heldAlert = (await ok(OLA, 'alerts.list', { integrationId: OWN.integrationId })).items.find((alert) => alert.kind === 'run_held');
    await ok(OLA, 'alerts.acknowledge', { alertId: heldAlert?.id ?? '' });
    expect(await boardOf(OLA, OWN.integrationId)).toMatchObject({ openAlerts: { total: 3, errors: 1, unacknowledged: 2 } });
    // Kari's own integration counts nothing of Ola's; an organization's error count is the sum over its integrations.
    const karis = await ok(KARI, 'health.list', {});
    expect(karis.map((row) => row.integrationId)).not.toContain(OWN.integrationId);
    expect(karis.reduce((sum, row) => sum + row.openAlerts.errors, 0)).toBe(0);
    const perOrg = (await ok(GLOBAL, 'health.list', {})).filter((row) => row.orgId === OWN.orgId);
    expect(perOrg.reduce((sum, row) => sum + row.openAlerts.errors, 0)).toBe(1);

    const alerts = (await ok(OLA, 'alerts.list', { integrationId: OWN.integrationId })).items;
    expect(alerts.find((alert) => alert.kind === 'run_held')).toMatchObject({
      detail: { runId: held.runId, deactivations: 1, absent: 0, threshold: 0 },
    });
    expect(alerts.find((alert) => alert.kind === 'credentials_failed')).toMatchObject({
      severity: 'error',
      detail: { errorCode: 'source_auth_failed' },
    });

    // Deciding the held run clears the link.
    await ok(OLA, 'runs.reject', { runId: held.runId });
    expect(await boardOf(OLA, OWN.integrationId)).toMatchObject({ heldRunId: null, pendingConflicts: 1 });
  });
});
