// @vitest-environment node
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer, type WebhookServer } from '../../backend/webhooks/webhook-server.node.ts';
import { createCornerstoneWebhookHandler } from '../../supabase/functions/cornerstone-webhook/handler.ts';
import { signCornerstoneWebhook } from '../../sim/cornerstone/webhook-signature.ts';
import { databaseTargets } from './harness.ts';
import { installWebhookSecret, integrationId, openEngineFixture, type EngineFixture } from './support/engine-fixture.ts';
import { awkwardText, hostileValue, prototypeKeyObjects } from '../support/fuzz/hostile-values.ts';
import { sendRaw } from '../support/fuzz/raw-http.ts';
import { assertPrototypesIntact, within } from '../support/fuzz/presentable.ts';
import { FUZZ_RUNS, FUZZ_SEED } from '../support/fuzz/settings.ts';

/**
 * The Cornerstone webhook endpoint, fuzzed on both of its hosts: the Node receiver (the demo's,
 * in Electron's main process) over raw HTTP, and the Edge Function's handler with Web Requests.
 * Paths, methods, headers, signatures and bodies are generated, often around a delivery that
 * would be accepted, so every check in the order is reached. Every answer must be one of the
 * endpoint's statuses with its JSON body, never a 500, never a hang, and the receiver must go on
 * serving. Refusals must be tallied: their count is exact, their rows a handful.
 */

const SECRET = 'whsec-fuzz-0123456789abcdef';

/** A hostile value as a sender would serialise it: bigints as text, and what is too deep for JSON.stringify as a deep array. */
function asJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
  } catch {
    return `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
  }
}
/** What the endpoint answers; 400 without a body is Node's own parser refusing a malformed request. */
const ANSWERS = new Set([200, 400, 401, 404, 405, 409, 413, 415, 422]);
/** Refusals the handler tallies (a 400 only when it is the handler's invalid_json). */
const TALLIED = new Set([
  'body_too_large',
  'unsupported_media_type',
  'signature_missing',
  'signature_malformed',
  'signature_stale',
  'signature_mismatch',
  'invalid_json',
  'invalid_event',
  'replayed_event',
]);

/** The fields of a Cornerstone member record (sim/cornerstone/records.ts). */
const MEMBER_FIELDS = [
  'memberId',
  'firstName',
  'lastName',
  'email',
  'mobile',
  'birthDate',
  'nationalIdentityNumber',
  'membershipStatus',
  'roles',
  'unit',
  'lastModified',
];
const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset="utf-8"'];
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=--x',
  'application/json; charset=latin1',
  'text/json',
  '',
];

interface Delivery {
  method: string;
  segment: string;
  contentType: { kind: 'json' | 'other' | 'random' | 'none'; value: string };
  signature: 'valid' | 'stale' | 'wrong_secret' | 'garbage' | 'none' | 'huge';
  garbage: string;
  body: string;
  extraHeaders: Array<[string, string]>;
}

describe.each(databaseTargets().filter((target) => target.name === 'pglite'))('the webhook endpoint, fuzzed on $name', (target) => {
  let f: EngineFixture;
  let server: WebhookServer;
  let port: number;
  let edgeHandler: ReturnType<typeof createCornerstoneWebhookHandler>;

  beforeAll(async () => {
    f = await openEngineFixture(target, { memberCount: 40, seed: 23 });
    expect((await f.sync()).outcome).toBe('succeeded');
    await installWebhookSecret(f, SECRET);
    server = await startWebhookServer({ db: f.db, box: f.box });
    port = Number(new URL(server.url).port);
    edgeHandler = createCornerstoneWebhookHandler({ db: f.db, box: f.box });
  });
  afterAll(async () => {
    await server?.close();
    await f?.close();
  });

  const event = (member: unknown, id: string) =>
    asJson({ id, type: 'member.updated', occurredAt: new Date().toISOString(), memberId: f.sim.member(5).memberId, member });
  const memberRecord = () => ({ ...f.sim.member(5), lastModified: new Date(Date.now() + 60_000).toISOString() });

  const body: fc.Arbitrary<string> = fc.oneof(
    { weight: 4, arbitrary: fc.uuid().map((id) => event(memberRecord(), id)) },
    // A text field the registry fills, with characters that break storage (NUL, half a surrogate pair).
    {
      weight: 2,
      arbitrary: fc.tuple(fc.uuid(), fc.constantFrom('firstName', 'lastName', 'mobile', 'memberId'), awkwardText).map(([id, key, text]) => {
        const record: Record<string, unknown> = memberRecord();
        return event({ ...record, [key]: `${String(record[key])}${text}` }, id);
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.uuid(), fc.constantFrom(...MEMBER_FIELDS), hostileValue)
        .map(([id, key, value]) => event({ ...memberRecord(), [key]: value }, id)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('id', 'type', 'occurredAt', 'memberId', 'member').chain((key) =>
        fc.tuple(fc.uuid(), hostileValue).map(([id, value]) => {
          const parsed = JSON.parse(event(memberRecord(), id)) as Record<string, unknown>;
          parsed[key] = value;
          return asJson(parsed);
        }),
      ),
    },
    { weight: 1, arbitrary: prototypeKeyObjects.map((object) => JSON.stringify(object)) },
    { weight: 1, arbitrary: fc.json() },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 50_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`) },
    { weight: 1, arbitrary: fc.integer({ min: 64 * 1024 - 10, max: 70_000 }).map((size) => JSON.stringify({ padding: 'x'.repeat(size) })) },
  );

  const segment: fc.Arbitrary<string> = fc.oneof(
    { weight: 6, arbitrary: fc.constant(integrationId) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '%ZZ',
        '%',
        '%E0%A4%A',
        '%ED%A0%80',
        '%00',
        '..',
        '%2e%2e',
        '',
        integrationId.toUpperCase(),
        `${integrationId}/`,
        `${integrationId}/x`,
        `${integrationId}%2F`,
      ),
    },
    { weight: 1, arbitrary: fc.stringMatching(/^(%[0-9A-Fa-fGZ]{0,2}|[\w.~-]){1,40}$/) },
  );

  const delivery: fc.Arbitrary<Delivery> = fc.record({
    method: fc.oneof(
      { weight: 8, arbitrary: fc.constant('POST') },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'BREW') },
    ),
    segment,
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...JSON_TYPES).map((value) => ({ kind: 'json' as const, value })) },
      { weight: 2, arbitrary: fc.constantFrom(...OTHER_TYPES).map((value) => ({ kind: 'other' as const, value })) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((value) => ({ kind: 'random' as const, value })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'none' as const, value: '' }) },
    ),
    signature: fc.oneof(
      { weight: 6, arbitrary: fc.constant('valid' as const) },
      { weight: 3, arbitrary: fc.constantFrom('stale', 'wrong_secret', 'garbage', 'none', 'huge') },
    ),
    garbage: fc.string({ unit: 'grapheme-ascii', maxLength: 120 }),
    body,
    extraHeaders: fc.array(
      fc.tuple(
        fc.constantFrom('X-Cornerstone-Signature', 'Content-Type', 'X-Forwarded-For', 'Accept', 'X-Anything'),
        fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
      ),
      { maxLength: 2 },
    ),
  });

  const signatureHeader = (d: Delivery): string | null => {
    const now = Math.floor(Date.now() / 1000);
    switch (d.signature) {
      case 'valid':
        return signCornerstoneWebhook(SECRET, d.body, now);
      case 'stale':
        return signCornerstoneWebhook(SECRET, d.body, now - 3_600);
      case 'wrong_secret':
        return signCornerstoneWebhook('not-the-secret', d.body, now);
      case 'garbage':
        return d.garbage;
      case 'huge':
        return `t=${now},${'v1=00,'.repeat(1_500)}`;
      case 'none':
        return null;
    }
  };
  const headersOf = (d: Delivery): Array<[string, string]> => {
    const signature = signatureHeader(d);
    return [
      ...(d.contentType.kind === 'none' ? [] : [['Content-Type', d.contentType.value] as [string, string]]),
      ...(signature === null ? [] : [['X-Cornerstone-Signature', signature] as [string, string]]),
      ...d.extraHeaders,
    ];
  };

  const refusals = async () =>
    (
      await f.db.query<{ rows: number; occurrences: number }>(
        `select count(*)::int as rows, coalesce(sum((counts ->> 'occurrences')::int), 0)::int as occurrences
           from sync.audit_events where type = 'webhook_rejected'`,
      )
    ).rows[0] ?? { rows: 0, occurrences: 0 };

  /** What any answer must be, and what it tells the tally. Returns the refusal code when the handler tallied one. */
  const judge = (d: Delivery, status: number, text: string): string | null => {
    if (!ANSWERS.has(status)) throw new Error(`answered ${status}: ${text.slice(0, 200)}`);
    if (status === 400 && text === '') return null;
    const answer = JSON.parse(text) as { ok: boolean; error?: string };
    if (status === 200) {
      expect(answer.ok).toBe(true);
      // Only a JSON delivery signed with the secret may ever be applied.
      expect([d.method, d.contentType.kind === 'other' || d.contentType.kind === 'none', d.signature]).toEqual(['POST', false, 'valid']);
      return null;
    }
    expect(answer).toMatchObject({ ok: false, error: expect.any(String) });
    return TALLIED.has(answer.error ?? '') ? (answer.error ?? null) : null;
  };

  it('the Node receiver answers every request, never with 500, tallying every refusal', async () => {
    const before = await refusals();
    const startedAt = Date.now();
    const tallied = new Set<string>();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(delivery, async (d) => {
        const response = await sendRaw(port, { method: d.method, target: `/cornerstone-webhook/${d.segment}`, headers: headersOf(d), body: d.body });
        const code = judge(d, response.status, response.body);
        assertPrototypesIntact();
        if (code !== null) {
          refused += 1;
          tallied.add(code);
        }
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
    );
    const after = await refusals();
    expect(after.occurrences - before.occurrences).toBe(refused);
    // A row per refusal kind and minute, however many refusals there were.
    const minutes = Math.ceil((Date.now() - startedAt) / 60_000) + 1;
    expect(after.rows - before.rows).toBeLessThanOrEqual(tallied.size * minutes);
    // Still serving: a delivery that should be applied is.
    const raw = event(memberRecord(), randomUUID());
    const check = await sendRaw(port, {
      method: 'POST',
      target: `/cornerstone-webhook/${integrationId}`,
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Cornerstone-Signature', signCornerstoneWebhook(SECRET, raw, Math.floor(Date.now() / 1000))],
      ],
      body: raw,
    });
    expect(check.status).toBe(200);
  }, 120_000);

  it("the Edge Function's handler resolves every request with the endpoint's answers, never by throwing", async () => {
    await fc.assert(
      fc.asyncProperty(delivery, async (d) => {
        let request: Request;
        try {
          request = new Request(`http://127.0.0.1/functions/v1/cornerstone-webhook/${d.segment}`, {
            method: d.method,
            headers: headersOf(d),
            ...(['GET', 'HEAD'].includes(d.method) ? {} : { body: d.body }),
          });
        } catch {
          // What the Web platform cannot even build (a header value it refuses) never reaches a function.
          return;
        }
        const response = await within(10_000, 'the Edge handler', edgeHandler(request));
        judge(d, response.status, await response.text());
        assertPrototypesIntact();
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
    );
  }, 120_000);
});
