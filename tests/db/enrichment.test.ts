// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asCaller } from '../../backend/db/as-caller.ts';
import { DEMO_IDS } from '../../backend/db/demo-seed.ts';
import { fodselsnummerBirthDate } from '../../shared/domain/fodselsnummer.ts';
import { startDemoVipps, type DemoVipps } from '../../electron/main/host/demo-vipps.ts';
import type { DemoPerson } from '../../electron/main/host/demo-people.ts';
import { createAppAuthStandIn } from '../../sim/app-auth/app-auth-stand-in.ts';
import { databaseTargets } from './harness.ts';
import { openEngineFixture, type EngineFixture } from './support/engine-fixture.ts';
import { GLOBAL, handlerCalls, KARI, OLA, OTHER, OWN, STRANGER, syncIntegration } from './support/handlers-fixture.ts';
import { everyTableAsText, secretsIn } from '../support/secret-scan.ts';
import { virtualClock } from '../support/virtual-clock.ts';

const MEMBERS = 400;
const LEGAL_BASIS = 'The association reports members by personnummer for its municipal grant.';
/** The service's own retry delays, played forward by the virtual clock. */
const RETRY_DELAYS = [500, 1_000, 2_000, 4_000, 8_000, 15_000];

/**
 * Vipps personnummer enrichment through the real parts: the Cornerstone simulator, the Vipps
 * simulator (oidc-provider) with a real authorization-code + PKCE login, the enrichment endpoint
 * over HTTP with an app user's token, and the console's operations as each kind of admin.
 */
describe.each(databaseTargets())('Vipps enrichment on $name', (target) => {
  let f: EngineFixture;
  let vipps: DemoVipps;
  const time = virtualClock();
  const { call, ok } = handlerCalls(
    () => f.db,
    (integrationId) => f.resolveSource(integrationId),
    undefined,
    () => vipps.service,
  );
  const settle = () => vipps.service.settled();

  /** People of Norsk Friluftslag who can log in with Vipps and whose registry record lacks a number, as the registry holds them. */
  const candidates = (typo: boolean): DemoPerson[] =>
    vipps.people.filter((person) => {
      const record = person.records[0];
      if (!person.vipps || person.registryHasNumber || record?.system !== 'cornerstone') return false;
      const registryBirthDate = f.sim.member(Number(record.externalId.slice(3)) - 1).birthDate;
      return (registryBirthDate !== fodselsnummerBirthDate(person.vipps.nin)) === typo;
    });
  const registryNumberOf = (person: DemoPerson) => f.sim.member(Number(person.records[0]?.externalId.slice(3)) - 1).nationalIdentityNumber;
  const eventsOf = async (person: DemoPerson) =>
    (
      await f.db.query<{ outcome: string; org_id: string; attempts: number }>(
        `select e.outcome, e.org_id::text as org_id, e.attempts
           from sync.enrichment_events e join sync.member_links l on l.member_id = e.member_id
          where l.external_id = $1 order by e.created_at`,
        [person.records[0]?.externalId],
      )
    ).rows;

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: MEMBERS, seed: 31 });
    await f.sync();
    await syncIntegration(f.db, f.resolveSource, OTHER);
    vipps = await startDemoVipps({
      db: f.db,
      resolveSource: f.resolveSource,
      registries: { cornerstone: f.sim, consio: null },
      clock: time.clock,
      retryDelaysMs: RETRY_DELAYS,
      log: () => undefined,
    });
    await vipps.linkMembers();
  }, 120_000);
  afterAll(async () => {
    await vipps?.close();
    await f?.close();
  });

  it('is switched on only with a legal basis, by an admin of the organization, who is recorded with the baseline', async () => {
    expect(await call(OLA, 'enrichment.updateSettings', { orgId: OWN.orgId, enabled: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call(OLA, 'enrichment.updateSettings', { orgId: OWN.orgId, enabled: true, legalBasis: 'because' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'legalBasis' }] },
    });
    expect(await call(KARI, 'enrichment.updateSettings', { orgId: OWN.orgId, enabled: true, legalBasis: LEGAL_BASIS })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const on = await ok(OLA, 'enrichment.updateSettings', { orgId: OWN.orgId, enabled: true, legalBasis: LEGAL_BASIS });
    const { rows } = await f.db.query<{ missing: number; under_15: number }>(
      `select count(*) filter (where birth_date <= current_date - interval '15 years')::int as missing,
              count(*) filter (where birth_date > current_date - interval '15 years')::int as under_15
         from sync.members where org_id = $1 and not has_personnummer and status in ('active', 'pending')`,
      [OWN.orgId],
    );
    expect(on.settings).toMatchObject({ enabled: true, legalBasis: LEGAL_BASIS, enabledBy: { userId: DEMO_IDS.admins.ola } });
    expect(on.settings.enabledAt).not.toBeNull();
    expect(on.stats).toMatchObject({ baselineMissing: rows[0]?.missing, baselineUnder15: rows[0]?.under_15, enriched: 0, percentFilled: 0 });
    expect(rows[0]?.missing).toBeGreaterThan(50);
    expect(on.stats.weekly).toHaveLength(1);

    // Saving the same basis again changes nothing; another admin's new basis names them.
    expect((await ok(OLA, 'enrichment.updateSettings', { orgId: OWN.orgId, enabled: true, legalBasis: LEGAL_BASIS })).settings.enabledAt).toBe(
      on.settings.enabledAt,
    );
    const changed = await ok(GLOBAL, 'enrichment.updateSettings', { orgId: OWN.orgId, enabled: true, legalBasis: `${LEGAL_BASIS} Also Bufdir.` });
    expect(changed.settings).toMatchObject({ enabledBy: { userId: DEMO_IDS.admins.global } });
    expect(changed.stats.baselineMissing).toBe(on.stats.baselineMissing);
    const back = await ok(OLA, 'enrichment.updateSettings', { orgId: OWN.orgId, enabled: true, legalBasis: LEGAL_BASIS });
    expect(back.settings).toMatchObject({ enabled: true, enabledBy: { userId: DEMO_IDS.admins.ola } });

    const audit = await f.db.query<{ actor_label: string; detail: unknown }>(
      `select actor_label, detail from sync.audit_events where type = 'enrichment_changed' and org_id = $1 order by occurred_at, id`,
      [OWN.orgId],
    );
    expect(audit.rows.map((row) => row.actor_label)).toEqual(['Ola Nordmann', 'Gunn Global', 'Ola Nordmann']);
    expect(audit.rows[0]?.detail).toEqual({ enabled: true, legalBasisChanged: true });
  });

  it('writes the number from a Vipps login to the registry at once; the member and the statistics show it', async () => {
    const person = candidates(false)[0];
    if (!person?.vipps) throw new Error('no candidate');
    expect(registryNumberOf(person)).toBeNull();

    const answer = await vipps.login(person);
    // Norsk Friluftslag has enrichment on; Ungdom i Bevegelse, where the same registry record is also a member, does not.
    expect(answer).toMatchObject({ status: 200, body: { ok: true, records: 2, written: 1, retrying: 0, toReview: 0, skipped: 1 } });
    expect(registryNumberOf(person)).toBe(person.vipps.nin);
    expect(await eventsOf(person)).toEqual([{ outcome: 'written', org_id: OWN.orgId, attempts: 1 }]);

    const overview = await ok(OLA, 'enrichment.overview', { orgId: OWN.orgId });
    expect(overview.organizations[0]?.stats).toMatchObject({ enriched: 1, enrichedFromBaseline: 1 });
    expect(overview.organizations[0]?.stats.latestEnrichmentAt).not.toBeNull();
    expect(overview.organizations[0]?.stats.weekly.at(-1)?.enriched).toBe(1);

    // The next sync reads the record with its number: the member stays enriched.
    await f.sync({ kind: 'full' });
    const member = await f.db.query<{ has_personnummer: boolean }>(
      `select m.has_personnummer from sync.members m join sync.member_links l on l.member_id = m.id
        where l.external_id = $1 and l.integration_id = $2`,
      [person.records[0]?.externalId, OWN.integrationId],
    );
    expect(member.rows).toEqual([{ has_personnummer: true }]);
  });

  it('writes nothing on a second login', async () => {
    const [person] = (
      await f.db.query<{ external_id: string }>(
        `select l.external_id from sync.enrichment_events e join sync.member_links l on l.member_id = e.member_id where e.outcome = 'written' limit 1`,
      )
    ).rows;
    const again = vipps.personFor('cornerstone', person?.external_id ?? '');
    if (!again) throw new Error('no enriched person');
    const writesBefore = f.sim.stats.nationalIdentityNumberWrites;
    const answer = await vipps.login(again);
    expect(answer).toMatchObject({ status: 200, body: { ok: true, written: 0, retrying: 0, skipped: 2 } });
    expect(f.sim.stats.nationalIdentityNumberWrites).toBe(writesBefore);
    expect(await eventsOf(again)).toHaveLength(1);
  });

  it('writes nothing where the birth date in the number is not the registry’s, and lists it for review', async () => {
    const person = candidates(true)[0];
    if (!person?.vipps) throw new Error('no birth-date typo among the members');
    const writesBefore = f.sim.stats.nationalIdentityNumberWrites;

    const answer = await vipps.login(person);
    expect(answer).toMatchObject({ status: 200, body: { ok: true, written: 0, toReview: 1 } });
    expect(f.sim.stats.nationalIdentityNumberWrites).toBe(writesBefore);
    expect(registryNumberOf(person)).toBeNull();

    const reviews = await ok(OLA, 'enrichment.list', { orgId: OWN.orgId, list: 'reviews' });
    expect(reviews.items).toMatchObject([
      { outcome: 'needs_review', reviewReason: 'birth_date_mismatch', externalId: person.records[0]?.externalId },
    ]);
    expect((await ok(KARI, 'enrichment.list', { list: 'reviews' })).items).toEqual([]);
    const eventId = reviews.items[0]?.eventId ?? '';
    expect(await call(KARI, 'enrichment.markReviewed', { eventId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ok(OLA, 'enrichment.markReviewed', { eventId })).toMatchObject({ reviewedBy: { userId: DEMO_IDS.admins.ola } });
    expect((await ok(OLA, 'enrichment.list', { orgId: OWN.orgId, list: 'reviews' })).items).toEqual([]);
  });

  it('writes nothing for a call without a valid Vipps token, or without a valid app token', async () => {
    const person = candidates(false)[5];
    if (!person?.vipps) throw new Error('no candidate');
    const post = (authorization: string | null, body: unknown) =>
      fetch(vipps.endpointUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization: `Bearer ${authorization}` } : {}) },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as unknown }));
    const writesBefore = f.sim.stats.nationalIdentityNumberWrites;
    const eventsBefore = (await f.db.query(`select id from sync.enrichment_events`)).rows.length;
    const vippsAccessToken = await vipps.vippsAccessTokenFor(person);
    const appToken = await vipps.appTokenFor(person);
    const unauthorized = { status: 401, body: { ok: false, error: 'unauthorized' } };

    // A real Vipps token, but no app token, one signed with other keys, or one that has expired.
    expect(await post(null, { vippsAccessToken })).toEqual(unauthorized);
    const stranger = await createAppAuthStandIn();
    expect(await post(await stranger.issue(person.appUserId), { vippsAccessToken })).toEqual(unauthorized);
    expect(await post(await vipps.appTokenFor(person, { ttlSeconds: -60 }), { vippsAccessToken })).toEqual(unauthorized);

    // The app user's own token, with a Vipps token Vipps never issued, or a number planted in the body.
    expect(await post(appToken, { vippsAccessToken: 'forged-vipps-access-token-0000' })).toEqual({
      status: 403,
      body: { ok: false, error: 'vipps_token_rejected' },
    });
    expect(await post(appToken, { vippsAccessToken, nin: person.vipps.nin })).toEqual({ status: 400, body: { ok: false, error: 'invalid_request' } });
    expect(f.sim.stats.nationalIdentityNumberWrites).toBe(writesBefore);
    expect((await f.db.query(`select id from sync.enrichment_events`)).rows).toHaveLength(eventsBefore);
    expect(registryNumberOf(person)).toBeNull();

    // The same token and app user, sent properly: the refusals above were about the tokens alone.
    expect(await post(appToken, { vippsAccessToken })).toMatchObject({ status: 200, body: { written: 1 } });
    expect(registryNumberOf(person)).toBe(person.vipps.nin);
  });

  it('refuses a Vipps login that is not the app user’s own Vipps account', async () => {
    const [owner, other] = [candidates(false)[7], candidates(false)[8]];
    if (!owner?.vipps || !other?.vipps) throw new Error('no candidates');
    const writes = f.sim.stats.nationalIdentityNumberWrites;
    // The owner's own app token, with a token from a Vipps login of someone else (a relative's phone).
    const response = await fetch(vipps.endpointUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${await vipps.appTokenFor(owner)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ vippsAccessToken: await vipps.vippsAccessTokenFor(other) }),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 403, body: { ok: false, error: 'vipps_account_mismatch' } });
    expect(f.sim.stats.nationalIdentityNumberWrites).toBe(writes);
    expect([registryNumberOf(owner), registryNumberOf(other)]).toEqual([null, null]);
    expect(await eventsOf(owner)).toEqual([]);
  });

  it('writes once when the same member logs in twice at the same moment', async () => {
    const person = candidates(false)[9];
    if (!person?.vipps) throw new Error('no candidate');
    const writes = f.sim.stats.nationalIdentityNumberWrites;
    const answers = await Promise.all([vipps.login(person), vipps.login(person), vipps.login(person)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const written = answers.reduce((sum, answer) => sum + ((answer.body as { written: number }).written ?? 0), 0);
    expect(written).toBe(1);
    expect(f.sim.stats.nationalIdentityNumberWrites).toBe(writes + 1);
    expect(await eventsOf(person)).toEqual([{ outcome: 'written', org_id: OWN.orgId, attempts: 1 }]);
  });

  it('gets every number into a registry that was down for a minute, logging each failure and alerting after 30 s', async () => {
    const people = candidates(false).slice(10, 13);
    f.sim.setDown(true);
    try {
      for (const person of people) expect(await vipps.login(person)).toMatchObject({ status: 200, body: { retrying: 1, written: 0 } });
      const failures = await ok(OLA, 'enrichment.list', { orgId: OWN.orgId, list: 'failures' });
      expect(failures.items.map((item) => item.outcome)).toEqual(['pending', 'pending', 'pending']);
      expect(failures.items[0]?.lastErrorCode).toBe('source_unreachable');

      await time.advance(31_000, settle);
      const late = await ok(OLA, 'alerts.list', { integrationId: OWN.integrationId });
      expect(late.items).toMatchObject([{ kind: 'enrichment_write_late', actor: 'org_admin' }]);
      await time.advance(29_000, settle);
    } finally {
      f.sim.setDown(false);
    }
    await time.advance(15_000, settle);
    await vipps.service.drained();

    for (const person of people) expect(registryNumberOf(person)).toBe(person.vipps?.nin);
    const log = await f.db.query<{ external_id: string; failed: number; succeeded: number; codes: string[]; span_ms: number }>(
      `select l.external_id, count(*) filter (where not a.succeeded)::int as failed, count(*) filter (where a.succeeded)::int as succeeded,
              array_agg(distinct a.error_code) filter (where a.error_code is not null) as codes,
              (extract(epoch from max(a.attempted_at) - min(a.attempted_at)) * 1000)::int as span_ms
         from sync.enrichment_attempts a join sync.enrichment_events e on e.id = a.event_id
         join sync.member_links l on l.member_id = e.member_id and l.integration_id = e.integration_id
        where l.external_id = any($1::text[]) group by 1`,
      [people.map((person) => person.records[0]?.externalId)],
    );
    expect(log.rows).toHaveLength(3);
    for (const row of log.rows) {
      expect(row).toMatchObject({ succeeded: 1, codes: ['source_unreachable'] });
      expect(row.failed).toBeGreaterThanOrEqual(7);
      expect(row.span_ms).toBeGreaterThanOrEqual(60_000);
    }
    expect((await ok(OLA, 'enrichment.list', { orgId: OWN.orgId, list: 'failures' })).items).toEqual([]);
    expect((await ok(OLA, 'alerts.list', { integrationId: OWN.integrationId })).items).toEqual([]);
  });

  it('retries a failed write from the console while the number is held', async () => {
    const person = candidates(false)[20];
    if (!person?.vipps) throw new Error('no candidate');
    f.sim.setDown(true);
    const answer = await vipps.login(person);
    expect(answer).toMatchObject({ body: { retrying: 1 } });
    const [failure] = (await ok(OLA, 'enrichment.list', { orgId: OWN.orgId, list: 'failures' })).items;
    if (!failure) throw new Error('no failure listed');
    expect(failure.heldUntil).not.toBeNull();
    expect(await call(KARI, 'enrichment.retry', { eventId: failure.eventId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ok(OLA, 'enrichment.retry', { eventId: failure.eventId })).toMatchObject({ result: 'retrying', event: { attempts: 2 } });
    f.sim.setDown(false);
    expect(await ok(OLA, 'enrichment.retry', { eventId: failure.eventId })).toMatchObject({ result: 'written', event: { outcome: 'written' } });
    expect(registryNumberOf(person)).toBe(person.vipps.nin);
    expect(await call(OLA, 'enrichment.retry', { eventId: failure.eventId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('shows an org admin only their organizations; a global admin every one and the total', async () => {
    const kari = await ok(KARI, 'enrichment.overview', {});
    expect(kari.organizations.map((org) => org.orgId)).toEqual([OTHER.orgId]);
    expect(kari.total).toBeNull();
    expect(kari.organizations[0]?.stats).toMatchObject({ enriched: 0, pending: 0, failed: 0, toReview: 0 });
    expect(await call(KARI, 'enrichment.overview', { orgId: OWN.orgId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await ok(STRANGER, 'enrichment.overview', {})).organizations).toEqual([]);

    const global = await ok(GLOBAL, 'enrichment.overview', {});
    expect(global.organizations).toHaveLength(3);
    const own = global.organizations.find((org) => org.orgId === OWN.orgId);
    expect(own?.stats.enriched).toBeGreaterThanOrEqual(6);
    expect(global.total).toMatchObject({ enriched: own?.stats.enriched, baselineMissing: own?.stats.baselineMissing });

    // Row-level security, not only the handlers: Kari's own SQL sees none of Friluftslag's rows.
    const seen = await asCaller(f.db, KARI, async (tx) => {
      const events = await tx.query<{ n: number }>(`select count(*)::int as n from sync.enrichment_events`);
      const attempts = await tx.query<{ n: number }>(`select count(*)::int as n from sync.enrichment_attempts`);
      const settings = await tx.query<{ n: number }>(`select count(*)::int as n from sync.enrichment_settings`);
      const links = await tx.query<{ n: number }>(`select count(*)::int as n from sync.app_user_members where org_id = $1`, [OWN.orgId]);
      return [events.rows[0]?.n, attempts.rows[0]?.n, settings.rows[0]?.n, links.rows[0]?.n];
    });
    expect(seen).toEqual([0, 0, 0, 0]);
    // No admin writes the switch or the baseline directly, not even their own organization's: only the handler, as the service.
    for (const caller of [KARI, OLA]) {
      await expect(
        asCaller(f.db, caller, (tx) => tx.query(`update sync.enrichment_settings set baseline_missing = 1 where org_id = $1`, [OWN.orgId])),
      ).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('writes nothing once switched off, and keeps the baseline and the basis for when it is switched on again', async () => {
    const before = await ok(OLA, 'enrichment.overview', { orgId: OWN.orgId });
    const off = await ok(OLA, 'enrichment.updateSettings', { orgId: OWN.orgId, enabled: false });
    expect(off.settings).toMatchObject({ enabled: false, legalBasis: LEGAL_BASIS, enabledBy: { userId: DEMO_IDS.admins.ola } });
    const person = candidates(false)[30];
    if (!person?.vipps) throw new Error('no candidate');
    expect(await vipps.login(person)).toMatchObject({ status: 200, body: { written: 0, skipped: 2 } });
    expect(registryNumberOf(person)).toBeNull();
    const on = await ok(OLA, 'enrichment.updateSettings', { orgId: OWN.orgId, enabled: true, legalBasis: LEGAL_BASIS });
    expect(on.stats.baselineMissing).toBe(before.organizations[0]?.stats.baselineMissing);
    expect(on.settings.activatedAt).toBe(before.organizations[0]?.settings.activatedAt);
  });

  it('keeps no number anywhere in the database', async () => {
    const numbers = vipps.people.flatMap((person) => (person.vipps && !person.registryHasNumber ? [person.vipps.nin] : []));
    const text = await everyTableAsText(async (sql, params) => (await f.db.query(sql, params)).rows as never);
    expect(secretsIn(text, numbers)).toEqual([]);
  });
});
