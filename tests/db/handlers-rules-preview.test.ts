// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaller } from '../../backend/db/as-caller.ts';
import { RULE_PREVIEW_SQL } from '../../backend/handlers/rules.ts';
import { databaseTargets } from './harness.ts';
import { appEdit, openEngineFixture, type EngineFixture } from './support/engine-fixture.ts';
import { appEditIn, GLOBAL, handlerCalls, KARI, OLA, OTHER, OWN, STRANGER, syncIntegration } from './support/handlers-fixture.ts';

const MEMBERS = 40;
// Contact details both sides change: a conflict each, queued for review by the default rule.
const CONTACT = [4, 5, 6];
const UNGDOM_CONTACT = 20;

describe.each(databaseTargets())('rules.preview on $name', (target) => {
  let f: EngineFixture;
  const { call, ok } = handlerCalls(
    () => f.db,
    (integrationId) => f.resolveSource(integrationId),
  );
  const idOf = (index: number) => f.sim.member(index).memberId;

  /** Decision records of past conflicts: `winner` won, `daysAgo` days ago, on the member `CS-…index`. */
  const insertResolved = async (integration: { integrationId: string }, category: string, winner: 'app' | 'external', daysAgo: number[]) =>
    f.db.query(
      `insert into sync.conflicts (org_id, integration_id, member_id, external_id, category, app_value, external_value,
                                   app_changed_at, external_changed_at, rule_resolution, rule_version, proposed_winner,
                                   status, winner, resolved_how, resolved_at, detected_at)
       select l.org_id, l.integration_id, l.member_id, l.external_id, $2, '{"email":"a@example.org","phone":null}',
              '{"email":"b@example.org","phone":null}', t, t, 'manual_review', 0, $3, 'resolved', $3, 'proposal', t, t
         from unnest($4::int[]) with ordinality as d(days, n)
         cross join lateral (select now() - make_interval(days => d.days) as t) at
         join sync.member_links l on l.integration_id = $1 and l.external_id = 'CS-' || lpad((10 + n)::text, 7, '0')`,
      [integration.integrationId, category, winner, daysAgo],
    );

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: MEMBERS, seed: 43 });
    expect((await f.sync()).outcome).toBe('succeeded');
    expect((await syncIntegration(f.db, f.resolveSource, OTHER)).outcome).toBe('succeeded');
    for (const index of CONTACT) {
      await appEdit(f.db, idOf(index), 'email = $3', [`app.${index}@example.org`]);
      f.sim.updateMember(index, { email: `registry.${index}@example.org` });
    }
    await appEditIn(f.db, OTHER.integrationId, idOf(UNGDOM_CONTACT), 'phone = $3', ['+47 900 00 001']);
    f.sim.updateMember(UNGDOM_CONTACT, { mobile: '+47 911 11 111' });
    expect((await f.sync()).outcome).toBe('succeeded');
    expect((await syncIntegration(f.db, f.resolveSource, OTHER)).outcome).toBe('succeeded');
    // The last 30 days in Friluftslag: three went the app's way, two the registry's; one older
    // and one in another category do not count.
    await insertResolved(OWN, 'contact_details', 'app', [1, 2, 29]);
    await insertResolved(OWN, 'contact_details', 'external', [3, 10, 45]);
    await insertResolved(OWN, 'roles', 'external', [1]);
    await insertResolved(OTHER, 'contact_details', 'app', [5]);
  });
  afterAll(async () => f?.close());

  const preview = (caller = OLA, input: Record<string, unknown> = {}) =>
    ok(caller, 'rules.preview', { orgId: OWN.orgId, category: 'contact_details', resolution: 'app_wins', ...input } as never);

  it("counts what the rule would settle each way, now and over the last 30 days' resolutions", async () => {
    const appWins = await preview();
    expect(appWins).toMatchObject({
      orgId: OWN.orgId,
      category: 'contact_details',
      resolution: 'app_wins',
      pending: { total: 3, app: 3, external: 0, manualReview: 0 },
      recent: { total: 5, app: 5, external: 0, manualReview: 0, agreeing: 3, days: 30 },
    });
    const since = Date.parse(appWins.recent.since);
    expect(Math.abs(Date.now() - 30 * 86_400_000 - since)).toBeLessThan(60_000);

    expect(await preview(OLA, { resolution: 'external_wins' })).toMatchObject({
      pending: { total: 3, app: 0, external: 3, manualReview: 0 },
      recent: { total: 5, app: 0, external: 5, manualReview: 0, agreeing: 2 },
    });
    expect(await preview(OLA, { resolution: 'manual_review' })).toMatchObject({
      pending: { total: 3, app: 0, external: 0, manualReview: 3 },
      recent: { total: 5, app: 0, external: 0, manualReview: 5, agreeing: 0 },
    });
    expect(await preview(OLA, { category: 'roles', resolution: 'app_wins' })).toMatchObject({
      pending: { total: 0, app: 0, external: 0, manualReview: 0 },
      recent: { total: 1, app: 1, agreeing: 0 },
    });
  });

  it('saves nothing: the rule in force and the audit trail are unchanged', async () => {
    await preview();
    expect((await f.db.query(`select count(*)::int as n from sync.conflict_rules`)).rows).toEqual([{ n: 0 }]);
    expect((await f.db.query(`select count(*)::int as n from sync.audit_events where type = 'rules_changed'`)).rows).toEqual([{ n: 0 }]);
  });

  it('scopes per role: own organization, every organization, or not found', async () => {
    const { recent: globalRecent, ...global } = await preview(GLOBAL);
    const { recent: olaRecent, ...ola } = await preview(OLA);
    expect(global).toEqual(ola);
    expect({ ...globalRecent, since: null }).toEqual({ ...olaRecent, since: null });
    expect(await ok(KARI, 'rules.preview', { orgId: OTHER.orgId, category: 'contact_details', resolution: 'external_wins' })).toMatchObject({
      pending: { total: 1, external: 1 },
      recent: { total: 1, external: 1, agreeing: 0 },
    });
    for (const caller of [KARI, STRANGER]) {
      expect(await call(caller, 'rules.preview', { orgId: OWN.orgId, category: 'contact_details', resolution: 'app_wins' })).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
    }
    expect(await call(OLA, 'rules.preview', { orgId: OTHER.orgId, category: 'contact_details', resolution: 'app_wins' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('refuses input outside the contract', async () => {
    for (const input of [
      { orgId: OWN.orgId, category: 'personnummer', resolution: 'app_wins' },
      { orgId: OWN.orgId, category: 'roles', resolution: 'registry_wins' },
      { orgId: OWN.orgId, category: 'roles', resolution: 'app_wins', version: 3 },
      { orgId: 'not-a-uuid', category: 'roles', resolution: 'app_wins' },
    ]) {
      expect(await call(OLA, 'rules.preview', input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('reads an index range for each half, also with many conflicts in other organizations and categories', async () => {
    // 60 000 decision records over two years, spread over both organizations and the four categories.
    await f.db.query(
      `insert into sync.conflicts (org_id, integration_id, member_id, external_id, category, app_value, external_value,
                                   app_changed_at, external_changed_at, rule_resolution, rule_version, proposed_winner,
                                   status, winner, resolved_how, resolved_at, detected_at)
       select l.org_id, l.integration_id, l.member_id, l.external_id,
              (array['membership_status', 'roles', 'contact_details', 'affiliation'])[1 + g % 4],
              '{"status":"active"}', '{"status":"lapsed"}', t, t, 'external_wins', 0, 'external', 'resolved', 'external', 'rule', t, t
         from generate_series(1, 750) g
         cross join lateral (select now() - make_interval(hours => g * 24) as t) at
         join sync.member_links l on true`,
    );
    await f.db.query('analyze sync.conflicts');
    const plan = await asCaller(f.db, OLA, async (tx) => {
      const { rows } = await tx.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${RULE_PREVIEW_SQL}`, [
        OWN.orgId,
        'contact_details',
        new Date(Date.now() - 30 * 86_400_000).toISOString(),
      ]);
      return JSON.stringify(rows[0]?.['QUERY PLAN']);
    });
    // The resolved half is a range of its own index; neither half reads the table from end to end.
    expect(plan).toContain('"Index Name":"conflicts_rule_preview_idx"');
    expect(plan).not.toMatch(/"Node Type":"Seq Scan"/);
    const counts = await preview();
    expect(counts.recent.total).toBeGreaterThan(5);
    expect(counts.pending.total).toBe(3);
  });
});
