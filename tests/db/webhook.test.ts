// @vitest-environment node
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer, type WebhookServer } from '../../backend/webhooks/webhook-server.node.ts';
import { signCornerstoneWebhook } from '../../sim/cornerstone/webhook-signature.ts';
import { databaseTargets, type DatabaseTarget } from './harness.ts';
import { until } from '../support/until.ts';
import { installWebhookSecret, integrationId, openEngineFixture, type EngineFixture } from './support/engine-fixture.ts';

const SECRET = 'whsec-test-0123456789abcdef';

/** A synced engine fixture whose simulator pushes its changes to a real webhook receiver. */
async function openWebhookFixture(target: DatabaseTarget, options: { memberCount: number; seed: number }) {
  const fixture = await openEngineFixture(target, options);
  expect(await fixture.sync()).toMatchObject({ outcome: 'succeeded' });
  await installWebhookSecret(fixture, SECRET);
  const receiver = await startWebhookServer({ db: fixture.db, box: fixture.box });
  const url = `${receiver.url}/cornerstone-webhook/${integrationId}`;
  fixture.sim.configureWebhooks({ url, secret: SECRET });
  return { fixture, receiver, url };
}

describe.each(databaseTargets())('the Cornerstone webhook on $name', (target) => {
  let f: EngineFixture;
  let server: WebhookServer;
  let endpoint: string;

  beforeAll(async () => {
    ({ fixture: f, receiver: server, url: endpoint } = await openWebhookFixture(target, { memberCount: 120, seed: 31 }));
  });
  afterAll(async () => {
    await server?.close();
    await f?.close();
  });

  const member = async (externalId: string) =>
    (
      await f.db.query<{ email: string | null; status: string; absent: boolean }>(
        `select m.email, m.status, l.absent_since is not null as absent from sync.members m
           join sync.member_links l on l.member_id = m.id where l.integration_id = $1 and l.external_id = $2`,
        [integrationId, externalId],
      )
    ).rows[0];
  const outcomes = async (externalId: string) =>
    (
      await f.db.query<{ outcome: string }>(`select outcome from sync.webhook_events where external_id = $1 order by received_at`, [externalId])
    ).rows.map((row) => row.outcome);

  it('applies a registry change pushed to it, with the audit trail pointing at the delivery', async () => {
    const three = f.sim.member(3).memberId;
    f.sim.updateMember(3, { email: 'pushed.change@example.org' });
    await f.sim.flushWebhooks();
    expect((await member(three))?.email).toBe('pushed.change@example.org');
    expect(await outcomes(three)).toEqual(['applied']);
    const { rows } = await f.db.query(
      `select e.type, c.fields from sync.audit_events e join sync.audit_member_changes c on c.event_id = e.id where c.external_id = $1`,
      [three],
    );
    expect(rows).toEqual([{ type: 'webhook', fields: [{ field: 'email', before: expect.any(String), after: 'pushed.change@example.org' }] }]);
    // What happened is recorded as values, so the console words it in its own language.
    const { rows: events } = await f.db.query(`select detail from sync.audit_events where type = 'webhook' order by occurred_at desc limit 1`);
    expect(events).toEqual([{ detail: expect.objectContaining({ eventKind: 'member_changed', result: 'applied' }) }]);
  });

  it('applies a redelivered event once', async () => {
    const four = f.sim.member(4).memberId;
    f.sim.duplicateNextWebhooks(1);
    f.sim.updateMember(4, { email: 'once@example.org' });
    await f.sim.flushWebhooks();
    expect(await outcomes(four)).toEqual(['applied']);
    const { rows } = await f.db.query<{ n: number }>(`select count(*)::int as n from sync.audit_member_changes where external_id = $1`, [four]);
    expect(rows[0]?.n).toBe(1);
  });

  it('keeps the newest value when deliveries arrive out of order', async () => {
    const five = f.sim.member(5).memberId;
    f.sim.reorderNextWebhooks(2);
    f.sim.updateMember(5, { email: 'first@example.org' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    f.sim.updateMember(5, { email: 'second@example.org' });
    await f.sim.flushWebhooks();
    expect((await member(five))?.email).toBe('second@example.org');
    expect(await outcomes(five)).toEqual(['applied', 'stale']);
  });

  it('keeps a record a full sync set aside on that run when a webhook sets it aside again', async () => {
    const eleven = f.sim.member(11).memberId;
    const quarantine = async () =>
      (
        await f.db.query<{ last_run_id: string | null; occurrences: number; resolved: boolean }>(
          `select last_run_id, occurrences, resolved_at is not null as resolved from sync.quarantined_records where external_id = $1`,
          [eleven],
        )
      ).rows;
    f.sim.updateMember(11, { email: 'not-an-address' });
    await f.sim.flushWebhooks();
    expect(await quarantine()).toEqual([{ last_run_id: null, occurrences: 1, resolved: false }]);
    const { runId } = await f.sync();
    expect(await quarantine()).toEqual([{ last_run_id: runId, occurrences: 2, resolved: false }]);
    // The registry's delivery of a later edit, still broken, lands after the run.
    f.sim.updateMember(11, { email: 'still-not-an-address' });
    await f.sim.flushWebhooks();
    expect(await quarantine()).toEqual([{ last_run_id: runId, occurrences: 3, resolved: false }]);
    // Mended in the registry, the next full sync finds it readable and the row is resolved.
    f.sim.updateMember(11, { email: 'fixed@example.org' });
    await f.sim.flushWebhooks();
    expect((await member(eleven))?.email).toBe('fixed@example.org');
    expect(await f.sync()).toMatchObject({ outcome: 'succeeded' });
    expect(await quarantine()).toEqual([{ last_run_id: runId, occurrences: 3, resolved: true }]);
  });

  it('treats a deleted member like one a full sync no longer finds', async () => {
    const { removed } = f.sim.evolve({ removals: 1 });
    await f.sim.flushWebhooks();
    const gone = removed[0] ?? '';
    expect((await member(gone))?.absent).toBe(true);
    expect(await outcomes(gone)).toEqual(['applied']);
  });

  describe('during a full sync of two pages', () => {
    let two: EngineFixture;
    let twoServer: WebhookServer;
    beforeAll(async () => {
      ({ fixture: two, receiver: twoServer } = await openWebhookFixture(target, { memberCount: 600, seed: 32 }));
    });
    afterAll(async () => {
      await twoServer?.close();
      await two?.close();
    });

    it('does not resolve a record the run read whole but a webhook then set aside', async () => {
      const broken = two.sim.member(2).memberId;
      two.sim.setLatency(1_000);
      const running = two.sync();
      // The first page of 500 is applied, and the second is on its way.
      await until(async () => {
        const { rows } = await two.db.query<{ seen: number }>(
          `select records_seen as seen from sync.sync_runs where status = 'running' and records_seen >= 500`,
        );
        return rows[0];
      });
      two.sim.updateMember(2, { email: 'not-an-address' });
      await two.sim.flushWebhooks();
      // The webhook landed while the run was still going, which is the case this test is about.
      const { rows: going } = await two.db.query(`select 1 from sync.sync_runs where status = 'running'`);
      expect(going).toHaveLength(1);
      const { runId } = await running;
      two.sim.setLatency(0);
      const { rows } = await two.db.query(
        `select last_run_id, resolved_at is not null as resolved from sync.quarantined_records where external_id = $1`,
        [broken],
      );
      expect(rows).toEqual([{ last_run_id: null, resolved: false }]);
      // The next run meets it, still broken, and lists it.
      expect((await two.sync()).runId).not.toBe(runId);
      const { rows: after } = await two.db.query(`select resolved_at is not null as resolved from sync.quarantined_records where external_id = $1`, [
        broken,
      ]);
      expect(after).toEqual([{ resolved: false }]);
    });
  });

  describe('refuses abuse with the right status, writing nothing but an audit entry or alert', () => {
    let since: Date;
    beforeAll(async () => {
      since = new Date();
      // The redelivery above was refused as a replay, which raised nothing; start from no alerts.
      expect((await f.db.query(`select kind from sync.alerts where status = 'open'`)).rows).toEqual([]);
    });
    const memberRecord = () => f.sim.member(10);
    const body = (id = randomUUID()) =>
      JSON.stringify({
        id,
        type: 'member.updated',
        occurredAt: new Date().toISOString(),
        memberId: memberRecord().memberId,
        member: { ...memberRecord(), email: 'attacker@example.org', lastModified: new Date(Date.now() + 60_000).toISOString() },
      });
    // A receiver that stopped answering fails the test in seconds, not at the test timeout.
    const post = (raw: string, signature: string | null, url = endpoint) =>
      fetch(url, {
        signal: AbortSignal.timeout(10_000),
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { 'x-cornerstone-signature': signature } : {}) },
        body: raw,
      });
    const now = () => Math.floor(Date.now() / 1000);
    const snapshot = async () =>
      (await f.db.query<{ t: string }>(`select string_agg(m::text, '|' order by m.id) as t from sync.members m`)).rows[0]?.t;

    it.each([
      [
        'a wrong signature',
        () => {
          const raw = body();
          return post(raw, signCornerstoneWebhook('not-the-secret', raw, now()));
        },
        401,
        'signature_mismatch',
      ],
      ['no signature', () => post(body(), null), 401, 'signature_missing'],
      [
        'a stale timestamp',
        () => {
          const raw = body();
          return post(raw, signCornerstoneWebhook(SECRET, raw, now() - 3_600));
        },
        401,
        'signature_stale',
      ],
      [
        'an oversized body',
        () => {
          const raw = JSON.stringify({ padding: 'x'.repeat(70_000) });
          return post(raw, signCornerstoneWebhook(SECRET, raw, now()));
        },
        413,
        'body_too_large',
      ],
      [
        'invalid JSON',
        () => {
          const raw = '{"id": "broken';
          return post(raw, signCornerstoneWebhook(SECRET, raw, now()));
        },
        400,
        'invalid_json',
      ],
      [
        'an event of the wrong shape',
        () => {
          const raw = JSON.stringify({ hello: 'world' });
          return post(raw, signCornerstoneWebhook(SECRET, raw, now()));
        },
        422,
        'invalid_event',
      ],
      [
        'an unknown organization',
        () => {
          const raw = body();
          return post(raw, signCornerstoneWebhook(SECRET, raw, now()), `${server.url}/cornerstone-webhook/${randomUUID()}`);
        },
        404,
        'unknown_integration',
      ],
      [
        'a malformed integration id',
        () => {
          const raw = body();
          return post(raw, signCornerstoneWebhook(SECRET, raw, now()), `${server.url}/cornerstone-webhook/1%27%20or%201=1`);
        },
        404,
        'unknown_integration',
      ],
    ] as const)('%s', async (_name, send, status, error) => {
      const before = await snapshot();
      const eventsBefore = (await f.db.query<{ n: number }>(`select count(*)::int as n from sync.webhook_events`)).rows[0]?.n;
      const response = await send();
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ ok: false, error });
      expect(await snapshot()).toBe(before);
      expect((await f.db.query<{ n: number }>(`select count(*)::int as n from sync.webhook_events`)).rows[0]?.n).toBe(eventsBefore);
    });

    it('a replayed event id is refused, the first delivery stands', async () => {
      const id = randomUUID();
      const raw = body(id);
      expect((await post(raw, signCornerstoneWebhook(SECRET, raw, now()))).status).toBe(200);
      const after = await snapshot();
      const replay = await post(raw, signCornerstoneWebhook(SECRET, raw, now()));
      expect(replay.status).toBe(409);
      expect(await replay.json()).toEqual({ ok: false, error: 'replayed_event' });
      expect(await snapshot()).toBe(after);
    });

    it('left an audit tally for each kind of refusal and one open signature alert for the bad signatures', async () => {
      // A tally row is the first refusal of its kind that minute; a later one counts in it.
      const { rows } = await f.db.query<{ error_code: string }>(
        `select error_code from sync.audit_events
          where type = 'webhook_rejected' and (detail ->> 'lastOccurredAt')::timestamptz >= $1`,
        [since],
      );
      expect(rows.map((row) => row.error_code).sort()).toEqual(
        ['signature_mismatch', 'signature_missing', 'signature_stale', 'body_too_large', 'invalid_json', 'invalid_event', 'replayed_event'].sort(),
      );
      const { rows: alerts } = await f.db.query(`select kind, occurrences, actor from sync.alerts where status = 'open'`);
      expect(alerts).toEqual([{ kind: 'webhook_signature', occurrences: 2, actor: 'org_admin' }]);
    });

    it('quarantines a record with a NUL character or half a surrogate pair, and refuses an event whose id or time the database cannot hold', async () => {
      const send = (event: Record<string, unknown>) => {
        const raw = JSON.stringify(event);
        return post(raw, signCornerstoneWebhook(SECRET, raw, now()));
      };
      const base = () => JSON.parse(body()) as Record<string, unknown>;
      for (const firstName of ['Ha\u0000kon', 'Ha\ud800kon']) {
        const unstorable = await send({
          ...base(),
          member: { ...memberRecord(), firstName, lastModified: new Date(Date.now() + 120_000).toISOString() },
        });
        expect([unstorable.status, await unstorable.json()]).toEqual([200, { ok: true, outcome: 'quarantined' }]);
        // The quarantine row says why, as codes the console words: the field and the problem, no value.
        const { rows: quarantined } = await f.db.query<{ problems: unknown }>(
          `select problems from sync.quarantined_records where external_id = $1 and last_run_id is null`,
          [memberRecord().memberId],
        );
        expect(quarantined).toEqual([{ problems: [{ field: 'firstName', problem: 'unstorable_text' }] }]);
      }
      for (const event of [
        { ...base(), id: 'evt\u0000' },
        { ...base(), occurredAt: '2026-01-01T00:00:00+23:59' },
        { ...base(), occurredAt: '0000-01-01T00:00:00Z' },
      ]) {
        const refused = await send(event);
        expect([refused.status, await refused.json()]).toEqual([422, { ok: false, error: 'invalid_event' }]);
      }
    });

    it.each(['%ZZ', '%', '%E0%A4%A', '%ED%A0%80', '%00', '..%2F..%2Fetc', `${integrationId}%00`])(
      'answers the malformed path /cornerstone-webhook/%s with 404 and keeps serving',
      async (segment) => {
        const raw = body();
        const response = await post(raw, signCornerstoneWebhook(SECRET, raw, now()), `${server.url}/cornerstone-webhook/${segment}`);
        expect(response.status).toBe(404);
        const next = body();
        expect((await post(next, signCornerstoneWebhook(SECRET, next, now()))).status).toBe(200);
      },
    );

    const postAs = (contentType: string | null, raw: string) =>
      fetch(endpoint, {
        method: 'POST',
        // fetch labels a string body text/plain unless told otherwise; a Blob without a type sends none.
        headers: { 'x-cornerstone-signature': signCornerstoneWebhook(SECRET, raw, now()), ...(contentType ? { 'content-type': contentType } : {}) },
        body: contentType ? raw : new Blob([raw]),
      });

    it.each([
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=iso-8859-1',
      'application/jsonx',
      'text/json',
      null,
    ])('refuses a signed delivery sent as %s with 415, applying nothing', async (contentType) => {
      const before = await snapshot();
      const response = await postAs(contentType, body());
      expect([response.status, await response.json()]).toEqual([415, { ok: false, error: 'unsupported_media_type' }]);
      expect(await snapshot()).toBe(before);
    });

    it.each(['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"'])(
      'accepts a signed delivery sent as %s',
      async (contentType) => {
        expect((await postAs(contentType, body())).status).toBe(200);
      },
    );

    it('tallies a flood of refusals: a constant number of audit rows and alert updates, every refusal counted, whatever the case of the id', async () => {
      const tallies = async () =>
        (
          await f.db.query<{ rows: number; occurrences: number }>(
            `select count(*)::int as rows, coalesce(sum((counts ->> 'occurrences')::int), 0)::int as occurrences
               from sync.audit_events where type = 'webhook_rejected' and error_code = 'signature_mismatch'`,
          )
        ).rows[0];
      const alert = async () =>
        (await f.db.query<{ occurrences: number }>(`select occurrences from sync.alerts where status = 'open' and kind = 'webhook_signature'`))
          .rows[0]?.occurrences ?? 0;
      const [rowsBefore, alertBefore] = [await tallies(), await alert()];
      const FLOOD = 300;
      const minute = () => Math.floor(Date.now() / 60_000);
      const firstMinute = minute();
      for (let sent = 0; sent < FLOOD; sent += 30) {
        await Promise.all(
          Array.from({ length: 30 }, (_, i) => {
            const raw = body();
            // The id in any mix of upper and lower case names the same integration, and the same tally.
            const id = [...integrationId].map((char, at) => ((at + sent + i) % 3 === 0 ? char.toUpperCase() : char)).join('');
            const url = `${server.url}/cornerstone-webhook/${id}`;
            return post(raw, signCornerstoneWebhook('not-the-secret', raw, now()), url).then((response) => expect(response.status).toBe(401));
          }),
        );
      }
      const after = await tallies();
      // One row a minute, and one alert update: the flood may straddle a minute's end, never more.
      const minutes = minute() - firstMinute + 1;
      expect((after?.rows ?? 0) - (rowsBefore?.rows ?? 0)).toBeLessThanOrEqual(minutes);
      expect((after?.occurrences ?? 0) - (rowsBefore?.occurrences ?? 0)).toBe(FLOOD);
      expect((await alert()) - alertBefore).toBeLessThanOrEqual(minutes);
    });
  });
});
