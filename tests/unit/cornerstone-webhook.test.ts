import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseCornerstoneWebhook, verifyCornerstoneSignature } from '../../backend/adapters/cornerstone/webhook.ts';
import type { SourceWebhookEvent } from '../../backend/adapters/webhook-event.ts';
import { signCornerstoneWebhook, startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';

const secret = 'whsec_test_6f1d2c';

interface Delivery {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** A webhook receiver that records every delivery and fails the next ones on request. */
interface Receiver {
  url: string;
  deliveries: Delivery[];
  failNext(count: number): void;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  let failures = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        res.writeHead(500).end();
        return;
      }
      deliveries.push({ headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/cornerstone`,
    deliveries,
    failNext(count) {
      failures += count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const WireEvent = z.object({
  id: z.string(),
  type: z.enum(['member.created', 'member.updated', 'member.deleted']),
  occurredAt: z.string(),
  memberId: z.string(),
  member: z.looseObject({ memberId: z.string(), lastModified: z.string() }).optional(),
});

function wireEvent(delivery: Delivery | undefined): z.infer<typeof WireEvent> {
  if (delivery === undefined) throw new Error('expected a delivery');
  return WireEvent.parse(JSON.parse(delivery.rawBody));
}

function changed(event: SourceWebhookEvent): Extract<SourceWebhookEvent, { kind: 'member_changed' }> {
  if (event.kind !== 'member_changed') throw new Error(`expected member_changed, got ${event.kind}`);
  return event;
}

function parsed(body: unknown): SourceWebhookEvent {
  const result = parseCornerstoneWebhook(body);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.event;
}

describe('webhook deliveries from the simulator', () => {
  let sim: CornerstoneSim;
  let receiver: Receiver;

  // A simulator per test, so delivery counters start at zero.
  beforeEach(async () => {
    sim = await startCornerstoneSim({ memberCount: 100, seed: 5, webhooks: { retryDelaysMs: [5, 10, 20] } });
  });
  afterEach(async () => {
    await Promise.all([sim.close(), receiver.close()]);
  });

  async function listen(): Promise<void> {
    receiver = await startReceiver();
    sim.configureWebhooks({ url: receiver.url, secret });
  }

  it('signs each delivery so the adapter verifies it, and the body parses to the member as the API serves it', async () => {
    await listen();
    const updated = sim.updateMember(7, { membershipStatus: 'Restanse' });
    await sim.flushWebhooks();

    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    expect(delivery?.headers['content-type']).toBe('application/json');
    const header = delivery?.headers['x-cornerstone-signature'];
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const check = await verifyCornerstoneSignature({ secret, header: typeof header === 'string' ? header : null, rawBody: delivery?.rawBody ?? '' });
    expect(check.ok).toBe(true);

    const wire = wireEvent(delivery);
    expect(wire).toMatchObject({ type: 'member.updated', memberId: 'CS-0000008', occurredAt: updated.lastModified, member: updated });
    const event = changed(parsed(JSON.parse(delivery?.rawBody ?? '')));
    expect(event).toMatchObject({ eventId: wire.id, externalId: 'CS-0000008', occurredAt: updated.lastModified });
    expect(event.record).toMatchObject({ ok: true, member: { externalId: 'CS-0000008', status: 'lapsed', sourceUpdatedAt: updated.lastModified } });
    expect(sim.webhookStats).toMatchObject({ published: 1, sent: 1, failed: 0, retried: 0, abandoned: 0, pending: 0 });
  });

  it('sends created, updated and deleted events for evolve, in the order the changes were made', async () => {
    await listen();
    const result = sim.evolve({ joins: 2, lapses: 2, removals: 1 });
    await sim.flushWebhooks();

    const events = receiver.deliveries.map(wireEvent);
    expect(events.map((event) => event.memberId)).toEqual([...result.changed, ...result.removed]);
    expect(events.map((event) => event.type)).toEqual(['member.created', 'member.created', 'member.updated', 'member.updated', 'member.deleted']);
    expect(events.at(-1)?.member).toBeUndefined();
    expect(new Set(events.map((event) => event.id)).size).toBe(5);
    expect(parsed(events.at(-1))).toMatchObject({ kind: 'member_deleted', externalId: result.removed[0] });
  });

  it('sends an event for a write through the API', async () => {
    await listen();
    const response = await fetch(`${sim.url}/api/v1/members/CS-0000012`, {
      method: 'PATCH',
      headers: { 'X-Api-Key': sim.credentials.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'endret@example.com' }),
    });
    expect(response.status).toBe(200);
    await sim.flushWebhooks();
    expect(receiver.deliveries.map(wireEvent)).toEqual([
      expect.objectContaining({ type: 'member.updated', memberId: 'CS-0000012', member: expect.objectContaining({ email: 'endret@example.com' }) }),
    ]);
  });

  it('retries a delivery the receiver failed, with the same event id and a fresh signature', async () => {
    await listen();
    receiver.failNext(2);
    sim.updateMember(3, { mobile: '+47 400 00 000' });
    await sim.flushWebhooks();

    expect(receiver.deliveries).toHaveLength(1);
    expect(wireEvent(receiver.deliveries[0]).memberId).toBe('CS-0000004');
    expect(sim.webhookStats).toMatchObject({ sent: 1, failed: 2, retried: 2, abandoned: 0, pending: 0 });
  });

  it('gives a delivery up after the last retry, and goes on with the next', async () => {
    await listen();
    receiver.failNext(4);
    sim.updateMember(1, { mobile: '+47 400 00 001' });
    sim.updateMember(2, { mobile: '+47 400 00 002' });
    await sim.flushWebhooks();

    expect(receiver.deliveries.map((delivery) => wireEvent(delivery).memberId)).toEqual(['CS-0000003']);
    expect(sim.webhookStats).toMatchObject({ sent: 1, failed: 4, retried: 3, abandoned: 1, pending: 0 });
  });

  it('retries when the receiver cannot be reached at all', async () => {
    await listen();
    await receiver.close();
    const gone = receiver.url;
    sim.configureWebhooks({ url: gone, secret });
    sim.updateMember(5, { email: null });
    await sim.flushWebhooks();
    expect(sim.webhookStats).toMatchObject({ sent: 0, failed: 4, retried: 3, abandoned: 1 });
    receiver = await startReceiver(); // afterEach closes one
  });

  it('delivers the next events twice when asked, as at-least-once delivery may', async () => {
    await listen();
    sim.duplicateNextWebhooks(2);
    sim.updateMember(10, { email: null });
    sim.updateMember(11, { email: null });
    sim.updateMember(12, { email: null });
    await sim.flushWebhooks();

    const ids = receiver.deliveries.map((delivery) => wireEvent(delivery).id);
    expect(ids).toHaveLength(5);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(new Set(ids).size).toBe(3);
  });

  it('delivers a batch newest first when asked, and lastModified still tells the newest change', async () => {
    await listen();
    sim.reorderNextWebhooks(3);
    const writes = ['a@example.com', 'b@example.com', 'c@example.com'].map((email) => sim.updateMember(20, { email }));
    await sim.flushWebhooks();

    const events = receiver.deliveries.map(wireEvent);
    expect(events.map((event) => event.member?.email)).toEqual(['c@example.com', 'b@example.com', 'a@example.com']);
    const stamps = events.map((event) => Date.parse(event.member?.lastModified ?? ''));
    expect(stamps[0]).toBeGreaterThan(stamps[1] ?? Infinity);
    expect(stamps[1]).toBeGreaterThan(stamps[2] ?? Infinity);
    expect(events[0]?.member?.lastModified).toBe(writes[2]?.lastModified);
  });

  it('releases a reorder batch that is not yet full when flushed', async () => {
    await listen();
    sim.reorderNextWebhooks(5);
    sim.updateMember(30, { email: null });
    sim.updateMember(31, { email: null });
    await sim.flushWebhooks();
    expect(receiver.deliveries.map((delivery) => wireEvent(delivery).memberId)).toEqual(['CS-0000032', 'CS-0000031']);
  });

  it('serves an invalid member in events as the API does, and the adapter quarantines it instead of dropping the event', async () => {
    await listen();
    sim.setInvalidRecordRate(0.3);
    const invalid = Array.from({ length: 100 }, (_, index) => index).find((index) => sim.isInvalidRecord(`CS-${String(index + 1).padStart(7, '0')}`));
    if (invalid === undefined) throw new Error('expected an invalid member at rate 0.3');
    sim.updateMember(invalid, { email: null });
    await sim.flushWebhooks();
    sim.setInvalidRecordRate(0);

    const event = changed(parsed(JSON.parse(receiver.deliveries[0]?.rawBody ?? '')));
    expect(event.record).toMatchObject({ ok: false, externalId: `CS-${String(invalid + 1).padStart(7, '0')}` });
  });

  it('sends nothing without a receiver configured', async () => {
    await listen();
    sim.configureWebhooks(null);
    const before = sim.webhookStats.published;
    sim.updateMember(40, { email: null });
    await sim.flushWebhooks();
    expect(receiver.deliveries).toHaveLength(0);
    expect(sim.webhookStats.published).toBe(before);
    expect(() => sim.configureWebhooks({ url: 'ftp://example.com', secret })).toThrow(RangeError);
    expect(() => sim.configureWebhooks({ url: receiver.url, secret: '' })).toThrow(RangeError);
  });
});

describe('verifyCornerstoneSignature', () => {
  const rawBody = JSON.stringify({ id: 'evt_1', type: 'member.deleted', occurredAt: '2025-09-01T10:00:00.000+02:00', memberId: 'CS-0000001' });
  const now = 1_756_800_000;

  function check(
    header: string | null,
    overrides: Partial<Parameters<typeof verifyCornerstoneSignature>[0]> = {},
  ): ReturnType<typeof verifyCornerstoneSignature> {
    return verifyCornerstoneSignature({ secret, header, rawBody, nowSeconds: now, ...overrides });
  }

  it('accepts a delivery signed with the secret, within the tolerance either way', async () => {
    await expect(check(signCornerstoneWebhook(secret, rawBody, now))).resolves.toEqual({ ok: true, timestamp: now });
    await expect(check(signCornerstoneWebhook(secret, rawBody, now - 300))).resolves.toMatchObject({ ok: true });
    await expect(check(signCornerstoneWebhook(secret, rawBody, now + 300))).resolves.toMatchObject({ ok: true });
    await expect(check(signCornerstoneWebhook(secret, rawBody, now), { rawBody: new TextEncoder().encode(rawBody) })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('refuses a tampered body and a wrong secret as a mismatch', async () => {
    const header = signCornerstoneWebhook(secret, rawBody, now);
    await expect(check(header, { rawBody: rawBody.replace('CS-0000001', 'CS-0000002') })).resolves.toEqual({ ok: false, reason: 'mismatch' });
    await expect(check(header, { rawBody: `${rawBody} ` })).resolves.toEqual({ ok: false, reason: 'mismatch' });
    await expect(check(signCornerstoneWebhook('whsec_other', rawBody, now))).resolves.toEqual({ ok: false, reason: 'mismatch' });
    // The timestamp is signed too: moving it to look fresh breaks the signature.
    await expect(check(header.replace(`t=${now}`, `t=${now + 1}`))).resolves.toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a genuine signature from outside the tolerance, past or future, as stale', async () => {
    await expect(check(signCornerstoneWebhook(secret, rawBody, now - 301))).resolves.toEqual({ ok: false, reason: 'stale' });
    await expect(check(signCornerstoneWebhook(secret, rawBody, now + 301))).resolves.toEqual({ ok: false, reason: 'stale' });
    await expect(check(signCornerstoneWebhook(secret, rawBody, now - 60), { toleranceSeconds: 30 })).resolves.toEqual({ ok: false, reason: 'stale' });
  });

  it('reports a missing header as missing', async () => {
    await expect(check(null)).resolves.toEqual({ ok: false, reason: 'missing' });
    await expect(check('  ')).resolves.toEqual({ ok: false, reason: 'missing' });
  });

  it.each([
    ['no timestamp', `v1=${'a'.repeat(64)}`],
    ['no signature', `t=${now}`],
    ['a short signature', `t=${now},v1=abc123`],
    ['a signature that is not hex', `t=${now},v1=${'z'.repeat(64)}`],
    ['a fractional timestamp', `t=${now}.5,v1=${'a'.repeat(64)}`],
    ['a negative timestamp', `t=-${now},v1=${'a'.repeat(64)}`],
    ['two timestamps', `t=${now},t=${now},v1=${'a'.repeat(64)}`],
    ['a part without =', `t=${now},v1`],
    ['another format altogether', `sha256=${'a'.repeat(64)}`],
  ])('refuses a header with %s as malformed', async (_label, header) => {
    await expect(check(header)).resolves.toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts either secret while one is rotated, with two v1 values', async () => {
    const oldSecret = 'whsec_old';
    const withOld = signCornerstoneWebhook(oldSecret, rawBody, now);
    const withNew = signCornerstoneWebhook(secret, rawBody, now);
    const both = `${withOld},${withNew.replace(`t=${now},`, '')}`;
    expect(both).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    await expect(check(both)).resolves.toMatchObject({ ok: true });
    await expect(check(both, { secret: oldSecret })).resolves.toMatchObject({ ok: true });
    await expect(check(both, { secret: 'whsec_third' })).resolves.toEqual({ ok: false, reason: 'mismatch' });
  });

  it('skips schemes it does not know, and refuses an empty secret outright', async () => {
    const header = `${signCornerstoneWebhook(secret, rawBody, now)},v0=legacy`;
    await expect(check(header)).resolves.toMatchObject({ ok: true });
    await expect(check(header, { secret: '' })).rejects.toThrow(RangeError);
  });
});

describe('parseCornerstoneWebhook', () => {
  const member = {
    memberId: 'CS-0000001',
    firstName: 'Kari',
    lastName: 'Nordmann',
    email: 'kari@example.com',
    mobile: '+47 912 34 567',
    birthDate: '1990-07-15',
    nationalIdentityNumber: '15079012367',
    membershipStatus: 'Aktiv',
    roles: [{ code: 'MEDLEM', name: 'Medlem' }],
    unit: { unitId: 'LL-0301', unitName: 'Oslo lokallag' },
    lastModified: '2025-09-01T10:00:00.123+02:00',
  };
  const envelope = { id: 'evt_1', type: 'member.updated', occurredAt: '2025-09-01T10:00:00.123+02:00', memberId: 'CS-0000001', member };

  function refusal(body: unknown): string {
    const result = parseCornerstoneWebhook(body);
    if (result.ok) throw new Error('expected a refusal');
    return result.reason;
  }

  it('maps created and updated events to member_changed with the mapped record', () => {
    for (const type of ['member.created', 'member.updated']) {
      const event = changed(parsed({ ...envelope, type }));
      expect(event).toMatchObject({ eventId: 'evt_1', kind: 'member_changed', occurredAt: envelope.occurredAt, externalId: 'CS-0000001' });
      expect(event.record).toMatchObject({ ok: true, member: { externalId: 'CS-0000001', hasPersonnummer: true, phone: '+4791234567' } });
      expect(JSON.stringify(event)).not.toContain('15079012367');
    }
  });

  it('maps a deleted event without a member', () => {
    expect(parsed({ id: 'evt_2', type: 'member.deleted', occurredAt: '2025-09-01T08:00:00Z', memberId: 'CS-0000009' })).toEqual({
      eventId: 'evt_2',
      kind: 'member_deleted',
      occurredAt: '2025-09-01T08:00:00Z',
      externalId: 'CS-0000009',
    });
  });

  it.each([
    ['no last name', { lastName: undefined }, { field: 'lastName', problem: 'missing' }],
    ['the placeholder birth date 0000-01-01', { birthDate: '0000-01-01' }, { field: 'birthDate', problem: 'invalid' }],
    ['an unknown status', { membershipStatus: 'Æresmedlem' }, { field: 'status', problem: 'unknown_status' }],
  ])('keeps an event whose member has %s, with the record rejected for quarantine and its problem', (_label, patch, problem) => {
    const event = changed(parsed({ ...envelope, member: { ...member, ...patch } }));
    expect(event.record).toMatchObject({ ok: false, externalId: 'CS-0000001', problems: [problem] });
  });

  it('carries the problems of a member record that names no one, quarantined under the event’s member', () => {
    const event = changed(parsed({ ...envelope, member: { ...member, memberId: undefined } }));
    expect(event.record).toMatchObject({ ok: false, externalId: 'CS-0000001', problems: [{ field: 'externalId', problem: 'missing' }] });
  });

  it.each([
    ['not an object', 'member.updated'],
    ['no id', { ...envelope, id: undefined }],
    ['an occurredAt without an offset', { ...envelope, occurredAt: '2025-09-01T10:00:00' }],
    ['an unknown type', { ...envelope, type: 'member.merged' }],
    ['a change without a member', { ...envelope, member: undefined }],
    ['a member record of another member', { ...envelope, member: { ...member, memberId: 'CS-0000002' } }],
    ['a memberId that is a personnummer', { ...envelope, memberId: '15079012367' }],
  ])('refuses an event with %s', (_label, body) => {
    expect(refusal(body).length).toBeGreaterThan(0);
  });

  it('never puts field values in a reason', () => {
    const hostile = [
      { ...envelope, id: 15079012367, occurredAt: 'kari@example.com' },
      { ...envelope, type: '15079012367' },
      { ...envelope, memberId: { email: 'kari@example.com' } },
      { ...envelope, memberId: '15079012367', member: undefined },
      { ...envelope, member: { ...member, memberId: '+47 912 34 567' } },
    ];
    for (const body of hostile) {
      const reason = refusal(body);
      expect(reason).not.toMatch(/15079012367|kari@example\.com|912 34 567/);
    }
  });
});
