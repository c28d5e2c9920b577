import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fodselsnummerBirthDate, isValidFodselsnummer } from '../../shared/domain/fodselsnummer.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { defaultCornerstoneSimCredentials } from '../../sim/cornerstone/credentials.ts';
import { TokenBucket } from '../../sim/cornerstone/rate-limit.ts';
import { call, type RawResponse } from '../support/sim-call.ts';

function withKey(sim: CornerstoneSim): RequestInit {
  return { headers: { 'X-Api-Key': sim.credentials.apiKey } };
}

function tokenRequest(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}

// Independent of the adapter's schema on purpose: this checks the simulator's own promises.
const RawMember = z.looseObject({
  memberId: z.string(),
  firstName: z.string(),
  birthDate: z.string(),
  nationalIdentityNumber: z.string().nullable(),
  membershipStatus: z.string(),
  roles: z.array(z.object({ code: z.string(), name: z.string() })),
  unit: z.object({ unitId: z.string(), unitName: z.string() }),
  lastModified: z.string(),
});
const RawPage = z.object({
  data: z.array(RawMember),
  meta: z.object({ page: z.int(), pageSize: z.int(), totalCount: z.int(), totalPages: z.int() }),
});
const TokenAnswer = z.object({ access_token: z.string(), token_type: z.string(), expires_in: z.number() });

function asPage(body: unknown): z.infer<typeof RawPage> {
  return RawPage.parse(body);
}

describe('Cornerstone simulator', () => {
  let large: CornerstoneSim;

  beforeAll(async () => {
    large = await startCornerstoneSim({ memberCount: 100_000, seed: 7 });
  });
  afterAll(async () => {
    await large.close();
  });

  it('serves the same members for the same seed and different ones for another', async () => {
    const a = await startCornerstoneSim({ memberCount: 500, seed: 42 });
    const b = await startCornerstoneSim({ memberCount: 500, seed: 42 });
    const c = await startCornerstoneSim({ memberCount: 500, seed: 43 });
    try {
      const path = '/api/v1/members?page=3&pageSize=50';
      const [pageA, pageB, pageC] = await Promise.all([call(a, path, withKey(a)), call(b, path, withKey(b)), call(c, path, withKey(c))]);
      expect(pageA.status).toBe(200);
      expect(pageA.body).toEqual(pageB.body);
      expect(asPage(pageA.body).data).not.toEqual(asPage(pageC.body).data);
      expect(asPage(pageA.body).data[0]?.memberId).toBe('CS-0000101');
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('pages lazily through 100 000 members', async () => {
    const { status, body } = await call(large, '/api/v1/members?page=200&pageSize=500', withKey(large));
    expect(status).toBe(200);
    const page = asPage(body);
    expect(page.meta).toEqual({ page: 200, pageSize: 500, totalCount: 100_000, totalPages: 200 });
    expect(page.data).toHaveLength(500);
    expect(page.data[0]?.memberId).toBe('CS-0099501');
    expect(page.data.at(-1)?.memberId).toBe('CS-0100000');

    const past = asPage((await call(large, '/api/v1/members?page=201&pageSize=500', withKey(large))).body);
    expect(past.data).toEqual([]);
    expect(past.meta.totalCount).toBe(100_000);
  });

  it.each([
    ['pageSize=1001', 'above the maximum'],
    ['pageSize=0', 'zero'],
    ['page=0', 'page zero'],
    ['page=abc', 'not a number'],
    ['page=1.5', 'a fraction'],
    ['pageSize=1e3', 'exponent notation'],
  ])('answers 400 for %s (%s)', async (query) => {
    const { status, body } = await call(large, `/api/v1/members?${query}`, withKey(large));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_request' });
  });

  it('accepts pageSize 1000', async () => {
    const { status, body } = await call(large, '/api/v1/members?pageSize=1000', withKey(large));
    expect(status).toBe(200);
    expect(asPage(body).data).toHaveLength(1000);
  });

  it('generates plausible members: valid fødselsnummer for about 60%, matching the birth date, mostly active', async () => {
    const page = asPage((await call(large, '/api/v1/members?page=10&pageSize=1000', withKey(large))).body);
    let withNin = 0;
    let active = 0;
    for (const member of page.data) {
      if (member.membershipStatus === 'Aktiv') active++;
      const fnr = member.nationalIdentityNumber;
      if (fnr === null) continue;
      withNin++;
      expect(isValidFodselsnummer(fnr)).toBe(true);
      // The birth date it encodes; synthetic, so its month has 80 added (Tenor's numbers).
      expect(fodselsnummerBirthDate(fnr)).toBe(member.birthDate);
      expect(Number(fnr.slice(2, 4))).toBeGreaterThan(80);
    }
    expect(withNin).toBeGreaterThan(520);
    expect(withNin).toBeLessThan(680);
    expect(active).toBeGreaterThan(700);
    expect(page.data[0]?.lastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
  });

  it('gives every local chapter exactly one chair', async () => {
    const page = asPage((await call(large, '/api/v1/members?page=1&pageSize=1000', withKey(large))).body);
    const chairsByUnit = new Map<string, number>();
    for (const member of page.data) {
      if (!member.roles.some((role) => role.code === 'STYRELEDER')) continue;
      const { unitId } = member.unit;
      chairsByUnit.set(unitId, (chairsByUnit.get(unitId) ?? 0) + 1);
    }
    expect(chairsByUnit.size).toBeGreaterThan(10);
    expect([...chairsByUnit.values()].every((count) => count === 1)).toBe(true);
  });

  it("takes a webhook subscription as Cornerstone's settings would, and refuses one where the organization has no webhooks", async () => {
    const sim = await startCornerstoneSim({ memberCount: 20, seed: 5, webhooks: { retryDelaysMs: [] } });
    const without = await startCornerstoneSim({ memberCount: 20, seed: 6, webhooksAvailable: false });
    const received: string[] = [];
    const receiver = (await import('node:http')).createServer((req, res) => {
      received.push(String(req.headers['x-cornerstone-signature']));
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
    try {
      const put = (target: CornerstoneSim, body: unknown) =>
        call(target, '/api/v1/webhooks/subscription', {
          method: 'PUT',
          headers: { 'X-Api-Key': target.credentials.apiKey, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await put(sim, { url, secret: 'short' })).status).toBe(400);
      expect(await put(sim, { url, secret: 'whsec_0123456789abcdef' })).toMatchObject({ status: 200, body: { url } });
      const shown = await call(sim, '/api/v1/webhooks/subscription', withKey(sim));
      expect(shown).toMatchObject({ status: 200, body: { url } });
      expect(JSON.stringify(shown.body)).not.toContain('whsec_');
      sim.updateMember(2, { email: 'subscribed@example.org' });
      await sim.flushWebhooks();
      expect(received).toHaveLength(1);
      expect(received[0]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

      expect((await call(sim, '/api/v1/webhooks/subscription', { method: 'DELETE', headers: { 'X-Api-Key': sim.credentials.apiKey } })).status).toBe(
        204,
      );
      expect(await call(sim, '/api/v1/webhooks/subscription', withKey(sim))).toMatchObject({ body: { url: null } });

      expect(await call(without, '/api/v1/organization', withKey(without))).toMatchObject({ body: { features: { webhooks: false } } });
      expect((await put(without, { url, secret: 'whsec_0123456789abcdef' })).status).toBe(403);
    } finally {
      await sim.close();
      await without.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('serves the organization', async () => {
    const { status, body } = await call(large, '/api/v1/organization', withKey(large));
    expect(status).toBe(200);
    expect(body).toEqual({ id: 'cs-org-7', name: large.organization.name, features: { webhooks: true } });
  });

  describe('credentials', () => {
    const { username, password, clientId } = defaultCornerstoneSimCredentials;

    it('refuses requests without credentials or with a wrong API key', async () => {
      const none = await call(large, '/api/v1/members');
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({ error: 'unauthorized' });
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);

      const wrongKey = await call(large, '/api/v1/members', { headers: { 'X-Api-Key': `${large.credentials.apiKey}x` } });
      expect(wrongKey.status).toBe(401);
    });

    it('tells a wrong client_id from a wrong username or password', async () => {
      const wrongClient = await call(large, '/api/auth/token', tokenRequest({ username, password, client_id: 'other-client' }));
      expect(wrongClient.status).toBe(401);
      expect(wrongClient.body).toMatchObject({ error: 'invalid_client' });

      const wrongPassword = await call(large, '/api/auth/token', tokenRequest({ username, password: 'feil', client_id: clientId }));
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body).toMatchObject({ error: 'invalid_grant' });

      const malformed = await call(large, '/api/auth/token', { method: 'POST', body: 'username=api-demo' });
      expect(malformed.status).toBe(400);
    });

    it('issues random bearer tokens that are checked and can be revoked', async () => {
      const first = await call(large, '/api/auth/token', tokenRequest({ username, password, client_id: clientId }));
      const second = await call(large, '/api/auth/token', tokenRequest({ username, password, client_id: clientId }));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      const token = TokenAnswer.parse(first.body).access_token;
      expect(token).not.toBe(TokenAnswer.parse(second.body).access_token);

      const bearer = { headers: { Authorization: `Bearer ${token}` } };
      expect((await call(large, '/api/v1/organization', bearer)).status).toBe(200);
      expect((await call(large, '/api/v1/organization', { headers: { Authorization: `Bearer ${token}x` } })).status).toBe(401);

      large.revokeTokens();
      expect((await call(large, '/api/v1/organization', bearer)).status).toBe(401);
    });
  });

  describe('changes and faults', () => {
    let sim: CornerstoneSim;
    beforeAll(async () => {
      sim = await startCornerstoneSim({ memberCount: 30 });
    });
    afterAll(async () => {
      await sim.close();
    });

    it('serves a member a test changed, with a new lastModified', async () => {
      const before = sim.member(4);
      sim.updateMember(4, { membershipStatus: 'Utmeldt' });
      const page = asPage((await call(sim, '/api/v1/members?page=1&pageSize=10', withKey(sim))).body);
      expect(page.data[4]).toMatchObject({ memberId: before.memberId, membershipStatus: 'Utmeldt', firstName: before.firstName });
      expect(page.data[4]?.lastModified).not.toBe(before.lastModified);
    });

    it('grows and shrinks the register', async () => {
      sim.setMemberCount(45);
      expect(asPage((await call(sim, '/api/v1/members?pageSize=1', withKey(sim))).body).meta.totalCount).toBe(45);
      sim.setMemberCount(30);
      expect(() => sim.member(30)).toThrow(RangeError);
    });

    it('fails the next requests with the status asked for, then recovers', async () => {
      sim.failNext(2, 429, { retryAfterSeconds: 7 });
      const limited = await call(sim, '/api/v1/members', withKey(sim));
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expect((await call(sim, '/api/v1/members', withKey(sim))).status).toBe(429);
      expect((await call(sim, '/api/v1/members', withKey(sim))).status).toBe(200);
      expect(sim.stats.faultsServed).toBe(2);
    });

    it('serves malformed bodies on request', async () => {
      sim.malformedNext(1, 'not_json');
      const html = await call(sim, '/api/v1/members', withKey(sim));
      expect(html.status).toBe(200);
      expect(typeof html.body).toBe('string');
    });

    it('resets open and new connections while down', async () => {
      sim.setDown(true);
      await expect(fetch(`${sim.url}/api/v1/organization`, withKey(sim))).rejects.toThrow('fetch failed');
      sim.setDown(false);
      expect((await call(sim, '/api/v1/organization', withKey(sim))).status).toBe(200);

      // A client that never connected before must fail at once too, not wait for its own timeout.
      const fresh = await startCornerstoneSim({ memberCount: 1 });
      fresh.setDown(true);
      try {
        await expect(fetch(`${fresh.url}/api/v1/organization`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow('fetch failed');
        expect(fresh.stats.droppedConnections).toBe(1);
      } finally {
        await fresh.close();
      }
    });

    it('delays responses by the latency set', async () => {
      sim.setLatency(150);
      const started = performance.now();
      await call(sim, '/api/v1/organization', withKey(sim));
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      sim.setLatency(0);
    });
  });
});

function withKeyAnd(sim: CornerstoneSim, init: RequestInit): RequestInit {
  return { ...init, headers: { 'X-Api-Key': sim.credentials.apiKey, 'Content-Type': 'application/json', ...init.headers } };
}

function patch(sim: CornerstoneSim, memberId: string, body: unknown): Promise<RawResponse> {
  return call(sim, `/api/v1/members/${memberId}`, withKeyAnd(sim, { method: 'PATCH', body: JSON.stringify(body) }));
}

/** The status of a request, or "reset" when the connection was cut before an answer. */
async function outcome(sim: CornerstoneSim, path: string): Promise<string> {
  try {
    const response = await fetch(`${sim.url}${path}`, withKey(sim));
    await response.arrayBuffer();
    return response.status === 429 ? `429 retry ${response.headers.get('retry-after')}` : String(response.status);
  } catch {
    return 'reset';
  }
}

// Records as served, without assuming they are well formed (the invalid-record lever breaks some).
const LoosePage = z.object({ data: z.array(z.record(z.string(), z.unknown())) });
function asLoosePage(body: unknown): Record<string, unknown>[] {
  return LoosePage.parse(body).data;
}

const Failure = z.object({ error: z.string(), message: z.string(), fields: z.array(z.string()).optional() });

describe('registry levers', () => {
  it('fails a seeded share of data requests with 503, 429 + Retry-After or a reset, the same way on every run', async () => {
    const runs: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const sim = await startCornerstoneSim({ memberCount: 20, seed: 5 });
      try {
        sim.setTransientFailureRate(0.5);
        const outcomes: string[] = [];
        for (let i = 0; i < 60; i++) outcomes.push(await outcome(sim, '/api/v1/organization'));
        expect(sim.stats.transientFailuresServed).toBe(outcomes.filter((status) => status !== '200').length);
        runs.push(outcomes);
      } finally {
        await sim.close();
      }
    }
    const [first, second] = runs;
    expect(first).toEqual(second);
    expect(new Set(first)).toEqual(new Set(['200', '503', '429 retry 1', 'reset']));
  });

  it('fails nothing at rate 0 and everything at rate 1, and never the token endpoint', async () => {
    const sim = await startCornerstoneSim({ memberCount: 5 });
    try {
      sim.setTransientFailureRate(1);
      for (let i = 0; i < 5; i++) expect(await outcome(sim, '/api/v1/organization')).not.toBe('200');
      const { username, password, clientId } = sim.credentials;
      expect((await call(sim, '/api/auth/token', tokenRequest({ username, password, client_id: clientId }))).status).toBe(200);
      sim.setTransientFailureRate(0);
      for (let i = 0; i < 5; i++) expect(await outcome(sim, '/api/v1/organization')).toBe('200');
      expect(() => sim.setTransientFailureRate(1.5)).toThrow(RangeError);
    } finally {
      await sim.close();
    }
  });

  it('limits data requests with a token bucket, answering 429 with Retry-After in seconds', async () => {
    const sim = await startCornerstoneSim({ memberCount: 5 });
    try {
      sim.setRateLimit({ requestsPerSecond: 1 });
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => outcome(sim, '/api/v1/organization')));
      expect(outcomes).toContain('200');
      expect(outcomes).toContain('429 retry 1');
      // A burst of one second's worth gets through; the rest of a burst cannot all have waited a second.
      expect(outcomes.filter((status) => status === '200').length).toBeLessThan(6);
      expect(sim.stats.rateLimited).toBe(outcomes.filter((status) => status !== '200').length);

      sim.setRateLimit(null);
      expect(await Promise.all(Array.from({ length: 6 }, () => outcome(sim, '/api/v1/organization')))).toEqual(Array(6).fill('200'));
    } finally {
      await sim.close();
    }
  });

  it('serves a deterministic share of members in a form our model rejects', async () => {
    const sim = await startCornerstoneSim({ memberCount: 2_000, seed: 3 });
    try {
      sim.setInvalidRecordRate(0.1);
      const first = asLoosePage((await call(sim, '/api/v1/members?pageSize=1000', withKey(sim))).body);
      const again = asLoosePage((await call(sim, '/api/v1/members?pageSize=1000', withKey(sim))).body);
      expect(again).toEqual(first);

      const broken = first.filter((member) => sim.isInvalidRecord(String(member.memberId)));
      expect(broken.length).toBeGreaterThan(60);
      expect(broken.length).toBeLessThan(140);
      const kinds = new Set(
        broken.map((member) =>
          !('lastName' in member)
            ? 'no last name'
            : member.birthDate === '0000-01-01'
              ? 'year 0'
              : member.membershipStatus === 'Æresmedlem'
                ? 'unknown status'
                : 'intact',
        ),
      );
      expect(kinds).toEqual(new Set(['no last name', 'year 0', 'unknown status']));
      for (const member of first) {
        if (sim.isInvalidRecord(String(member.memberId))) continue;
        expect(member).toEqual(sim.member(Number(String(member.memberId).slice(3)) - 1));
      }
      // The same members in every form the register is read in.
      expect([...sim.records()].slice(0, 1000)).toEqual(first);

      sim.setInvalidRecordRate(0);
      expect(sim.isInvalidRecord('CS-0000001')).toBe(false);
    } finally {
      await sim.close();
    }
  });

  it('evolves the register: joins, lapses, role changes, chapter moves, contact changes and removals', async () => {
    const plan = { joins: 3, lapses: 4, roleChanges: 5, chapterMoves: 6, contactChanges: 7, removals: 2 };
    const sim = await startCornerstoneSim({ memberCount: 300, seed: 9 });
    const twin = await startCornerstoneSim({ memberCount: 300, seed: 9 });
    try {
      const before = new Map([...sim.records()].map((member) => [RawMember.parse(member).memberId, RawMember.parse(member)]));
      const started = Date.now();
      const result = sim.evolve(plan);
      expect(twin.evolve(plan)).toEqual(result);

      expect(result.changed).toHaveLength(25);
      expect(result.removed).toHaveLength(2);
      expect(new Set([...result.changed, ...result.removed]).size).toBe(27);
      expect(result.changed.slice(0, 3)).toEqual(['CS-0000301', 'CS-0000302', 'CS-0000303']);
      expect(sim.memberCount).toBe(301);

      const after = new Map([...sim.records()].map((member) => [RawMember.parse(member).memberId, RawMember.parse(member)]));
      expect(after.size).toBe(301);
      for (const id of result.removed) expect(after.has(id)).toBe(false);
      for (const id of result.changed) expect(Date.parse(after.get(id)?.lastModified ?? '')).toBeGreaterThanOrEqual(started - 1);

      const lapsed = result.changed.slice(3, 7).map((id) => after.get(id)?.membershipStatus);
      expect(lapsed.every((status) => status === 'Restanse' || status === 'Utmeldt')).toBe(true);
      for (const id of result.changed.slice(7, 12)) {
        expect(after.get(id)?.roles.map((role) => role.code)).not.toEqual(before.get(id)?.roles.map((role) => role.code));
      }
      for (const id of result.changed.slice(12, 18)) expect(after.get(id)?.unit.unitId).not.toBe(before.get(id)?.unit.unitId);
      for (const id of result.changed.slice(18)) {
        const was = before.get(id);
        const now = after.get(id);
        expect([now?.email, now?.mobile]).not.toEqual([was?.email, was?.mobile]);
      }

      // Every chapter still has at most one chair: office holders neither lapse nor move.
      const chairs = [...after.values()].filter((member) => member.roles.some((role) => role.code === 'STYRELEDER'));
      expect(new Set(chairs.map((member) => member.unit.unitId)).size).toBe(chairs.length);
      expect(() => sim.evolve({ joins: -1 })).toThrow(RangeError);
    } finally {
      await Promise.all([sim.close(), twin.close()]);
    }
  });

  it('drops a removed member from listings, so the members after it move up a page', async () => {
    const sim = await startCornerstoneSim({ memberCount: 30, seed: 2 });
    try {
      const pageTwo = asPage((await call(sim, '/api/v1/members?page=2&pageSize=10', withKey(sim))).body);
      expect(pageTwo.data[0]?.memberId).toBe('CS-0000011');
      const { removed } = sim.evolve({ removals: 1 });
      const removedId = removed[0] ?? '';
      const removedIndex = Number(removedId.slice(3)) - 1;

      const listing = asPage((await call(sim, '/api/v1/members?pageSize=1000', withKey(sim))).body);
      expect(listing.meta.totalCount).toBe(29);
      expect(listing.data.map((member) => member.memberId)).not.toContain(removedId);
      const shifted = asPage((await call(sim, '/api/v1/members?page=2&pageSize=10', withKey(sim))).body);
      expect(shifted.data[0]?.memberId).toBe(removedIndex < 10 ? 'CS-0000012' : 'CS-0000011');
      expect(() => sim.member(removedIndex)).toThrow(RangeError);
      expect((await call(sim, `/api/v1/members/${removedId}`, withKey(sim))).status).toBe(404);
    } finally {
      await sim.close();
    }
  });

  it('keeps a million members lazy, removals included', async () => {
    const sim = await startCornerstoneSim({ memberCount: 1_000_000, seed: 4 });
    try {
      sim.evolve({ removals: 5, joins: 1 });
      const last = asPage((await call(sim, '/api/v1/members?page=1000&pageSize=1000', withKey(sim))).body);
      expect(last.meta.totalCount).toBe(999_996);
      expect(last.data).toHaveLength(996);
      expect(last.data.at(-1)?.memberId).toBe('CS-1000001');
      const since = encodeURIComponent(new Date(Date.now() - 60_000).toISOString());
      const delta = asPage((await call(sim, `/api/v1/members?updatedSince=${since}&pageSize=10`, withKey(sim))).body);
      expect(delta.data.map((member) => member.memberId)).toEqual(['CS-1000001']);
    } finally {
      await sim.close();
    }
  });
});

describe('delta listing', () => {
  let sim: CornerstoneSim;
  beforeAll(async () => {
    sim = await startCornerstoneSim({ memberCount: 500, seed: 21 });
  });
  afterAll(async () => {
    await sim.close();
  });

  function delta(since: string, query = ''): Promise<RawResponse> {
    return call(sim, `/api/v1/members?updatedSince=${encodeURIComponent(since)}${query}`, withKey(sim));
  }

  it('lists only members changed at or after updatedSince, oldest change first, then by member id', async () => {
    const since = new Date().toISOString();
    expect(asPage((await delta(since)).body).meta.totalCount).toBe(0);

    sim.updateMember(40, { email: 'first@example.com' });
    const { changed } = sim.evolve({ contactChanges: 6, joins: 2 });
    sim.updateMember(3, { email: 'last@example.com' });

    const page = asPage((await delta(since, '&pageSize=1000')).body);
    const ids = page.data.map((member) => member.memberId);
    expect(new Set(ids)).toEqual(new Set(['CS-0000041', ...changed, 'CS-0000004']));
    expect(ids[0]).toBe('CS-0000041');
    expect(ids.at(-1)).toBe('CS-0000004');
    const order = page.data.map((member) => [Date.parse(member.lastModified), member.memberId] as const);
    const sorted = [...order].sort(([a, idA], [b, idB]) => a - b || idA.localeCompare(idB));
    expect(order).toEqual(sorted);

    // Inclusive: the last change's own time lists it again.
    const lastChange = page.data.at(-1)?.lastModified ?? '';
    expect(asPage((await delta(lastChange)).body).data.map((member) => member.memberId)).toEqual(['CS-0000004']);
  });

  it('pages through a delta with the same page and pageSize rules', async () => {
    // A register of its own: changes stamped a millisecond apart can run ahead of the clock, into a later test's window.
    const fresh = await startCornerstoneSim({ memberCount: 100, seed: 22 });
    const since = encodeURIComponent(new Date().toISOString());
    const { changed } = fresh.evolve({ roleChanges: 7 });
    const pages = await Promise.all(
      [1, 2, 3, 4].map(async (n) => asPage((await call(fresh, `/api/v1/members?updatedSince=${since}&page=${n}&pageSize=3`, withKey(fresh))).body)),
    );
    await fresh.close();
    expect(pages.map((page) => page.data.length)).toEqual([3, 3, 1, 0]);
    expect(pages[0]?.meta).toEqual({ page: 1, pageSize: 3, totalCount: 7, totalPages: 3 });
    expect(pages.flatMap((page) => page.data.map((member) => member.memberId))).toEqual(changed);
  });

  it('reaches back into the generated history for an old updatedSince', async () => {
    const page = asPage((await delta('2025-05-01T00:00:00+02:00', '&pageSize=1000')).body);
    expect(page.meta.totalCount).toBeGreaterThan(0);
    expect(page.meta.totalCount).toBeLessThan(500);
    expect(page.data.every((member) => member.lastModified >= '2025-05')).toBe(true);
  });

  it.each([['yesterday'], ['2025-01-01'], ['2025-01-01T00:00:00'], ['']])('answers 400 for updatedSince=%j', async (since) => {
    const { status, body } = await delta(since);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_request' });
  });
});

describe('member writes', () => {
  let sim: CornerstoneSim;
  beforeAll(async () => {
    sim = await startCornerstoneSim({ memberCount: 60, seed: 8 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('applies a partial update in Cornerstone vocabulary and answers with the record as it now is', async () => {
    const before = sim.member(20);
    const { status, body } = await patch(sim, 'CS-0000021', {
      membershipStatus: 'Utmeldt',
      roles: ['MEDLEM', 'KASSERER', 'MEDLEM'],
      email: 'ny.adresse@example.org',
      mobile: '+4791234567',
      unit: { unitId: 'LL-5501' },
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      ...before,
      membershipStatus: 'Utmeldt',
      roles: [
        { code: 'MEDLEM', name: 'Medlem' },
        { code: 'KASSERER', name: 'Kasserer' },
      ],
      email: 'ny.adresse@example.org',
      mobile: '+4791234567',
      unit: { unitId: 'LL-5501', unitName: 'Tromsø lokallag' },
      lastModified: sim.member(20).lastModified,
    });
    expect(Date.parse(sim.member(20).lastModified)).toBeGreaterThan(Date.parse(before.lastModified));
    expect((await call(sim, '/api/v1/members/CS-0000021', withKey(sim))).body).toEqual(body);
    expect(sim.stats.memberWriteRequests).toBe(1);
  });

  it('clears contact details and the unit with null, and accepts an 11-digit personnummer', async () => {
    const { status, body } = await patch(sim, 'CS-0000022', { email: null, mobile: null, unit: null, nationalIdentityNumber: '15079012367' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ email: null, mobile: null, unit: null, nationalIdentityNumber: '15079012367' });
  });

  it('answers 404 not_found for a member it does not hold', async () => {
    for (const id of ['CS-0000061', 'CS-9999999', 'CS-00000001', 'someone']) {
      const { status, body } = await patch(sim, id, { email: null });
      expect(status).toBe(404);
      expect(body).toMatchObject({ error: 'not_found' });
    }
  });

  it.each([
    ['an unknown status', { membershipStatus: 'Æresmedlem' }, ['membershipStatus']],
    ['an unknown role code', { roles: ['MEDLEM', 'REVISOR'] }, ['roles']],
    ['an unknown unit', { unit: { unitId: 'LL-9999' } }, ['unit']],
    ['a personnummer of 10 digits', { nationalIdentityNumber: '1507901236' }, ['nationalIdentityNumber']],
    ['an email without a domain', { email: 'kari@' }, ['email']],
    ['a field that is not writable', { firstName: 'Kari' }, ['firstName']],
    ['a value of the wrong type', { roles: 'MEDLEM' }, ['roles']],
    ['nothing to change', {}, []],
  ])('answers 422 validation_failed for %s, naming fields but not values', async (_label, body, fields) => {
    const before = sim.member(30);
    const answer = await patch(sim, 'CS-0000031', body);
    expect(answer.status).toBe(422);
    const failure = Failure.parse(answer.body);
    expect(failure.error).toBe('validation_failed');
    expect(failure.fields).toEqual(fields);
    expect(failure.message).not.toMatch(/Æresmedlem|REVISOR|LL-9999|1507901236|kari@/);
    expect(sim.member(30)).toEqual(before);
  });

  it('answers 400 for a body that is not a JSON object, and 405 for other methods', async () => {
    const notJson = await call(sim, '/api/v1/members/CS-0000031', withKeyAnd(sim, { method: 'PATCH', body: 'status=Aktiv' }));
    expect(notJson.status).toBe(400);
    expect((await patch(sim, 'CS-0000031', ['Aktiv'])).status).toBe(400);
    const removal = await call(sim, '/api/v1/members/CS-0000031', withKeyAnd(sim, { method: 'DELETE' }));
    expect(removal.status).toBe(405);
    expect(removal.headers.get('allow')).toBe('GET, PATCH');
  });

  it('requires credentials for writes too', async () => {
    const { status } = await call(sim, '/api/v1/members/CS-0000031', { method: 'PATCH', body: JSON.stringify({ email: null }) });
    expect(status).toBe(401);
  });
});

describe('TokenBucket', () => {
  it('allows a burst of one second, then one request per token, with Retry-After rounded up', () => {
    let now = 0;
    const bucket = new TokenBucket(2, () => now);
    expect(bucket.take()).toEqual({ allowed: true });
    expect(bucket.take()).toEqual({ allowed: true });
    expect(bucket.take()).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 400;
    expect(bucket.take().allowed).toBe(false);
    now = 600;
    expect(bucket.take()).toEqual({ allowed: true });
    now = 10_000;
    expect([bucket.take(), bucket.take(), bucket.take()].map((answer) => answer.allowed)).toEqual([true, true, false]);

    const slow = new TokenBucket(0.25, () => now);
    expect(slow.take().allowed).toBe(true);
    expect(slow.take()).toEqual({ allowed: false, retryAfterSeconds: 4 });
  });
});
