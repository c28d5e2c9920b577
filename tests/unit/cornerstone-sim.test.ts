import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isValidFodselsnummer } from '../../shared/domain/fodselsnummer.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { defaultCornerstoneSimCredentials } from '../../sim/cornerstone/credentials.ts';

interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(sim: CornerstoneSim, path: string, init: RequestInit = {}): Promise<RawResponse> {
  const response = await fetch(`${sim.url}${path}`, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Left as text: some answers are not JSON on purpose.
  }
  return { status: response.status, headers: response.headers, body };
}

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
      const [y, m, d] = member.birthDate.split('-');
      expect(fnr.slice(0, 6)).toBe(`${d}${m}${y?.slice(2)}`);
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

  it('serves the organization', async () => {
    const { status, body } = await call(large, '/api/v1/organization', withKey(large));
    expect(status).toBe(200);
    expect(body).toEqual({ id: 'cs-org-7', name: large.organization.name });
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
