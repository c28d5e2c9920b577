import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fodselsnummerBirthDate, isValidFodselsnummer } from '../../shared/domain/fodselsnummer.ts';
import { defaultConsioSimCredentials } from '../../sim/consio/context.ts';
import { startConsioSim, type ConsioSim } from '../../sim/consio/server.ts';
import { call } from '../support/sim-call.ts';

function tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  };
}

const TokenAnswer = z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number() });

async function bearer(sim: ConsioSim): Promise<RequestInit> {
  const { clientId, clientSecret } = sim.credentials;
  const answer = await call(
    sim,
    '/OpenIdserver/connect/token',
    tokenRequest({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'members' }),
  );
  return { headers: { Authorization: `Bearer ${TokenAnswer.parse(answer.body).access_token}` } };
}

function patchRequest(auth: RequestInit, body: unknown, contentType = 'application/json'): RequestInit {
  return { method: 'PATCH', headers: { ...auth.headers, 'Content-Type': contentType }, body: JSON.stringify(body) };
}

// Independent of the adapter's schema on purpose: this checks the simulator's own promises.
const RawMember = z.looseObject({
  actNo: z.int(),
  firstname: z.string(),
  surname: z.string(),
  emailAddress: z.string().nullable(),
  mobilePhone: z.string().nullable(),
  dateOfBirth: z.string(),
  ssn: z.string().nullable(),
  memberStatus: z.string(),
  functions: z.array(z.object({ functionId: z.int(), functionName: z.string() })),
  department: z.object({ departmentNo: z.int(), departmentName: z.string() }).nullable(),
  changedTime: z.string(),
});
type RawMember = z.infer<typeof RawMember>;
const RawPage = z.object({ items: z.array(RawMember), nextCursor: z.string().nullable(), totalCount: z.int() });
type RawPage = z.infer<typeof RawPage>;
const Problem = z.object({ type: z.string(), title: z.string(), status: z.int(), detail: z.string(), traceId: z.string() });

async function page(sim: ConsioSim, auth: RequestInit, query: string): Promise<RawPage> {
  const answer = await call(sim, `/api/v2/members?${query}`, auth);
  expect(answer.status).toBe(200);
  return RawPage.parse(answer.body);
}

/** Every page of a listing from `after`; `between` runs after each page, to change the register mid-listing. */
async function listAll(
  sim: ConsioSim,
  auth: RequestInit,
  query: string,
  options: { after?: string | null; between?: (pageNumber: number) => void } = {},
): Promise<RawMember[]> {
  const items: RawMember[] = [];
  let cursor = options.after ?? null;
  for (let pageNumber = 1; ; pageNumber++) {
    const current = await page(sim, auth, cursor === null ? query : `${query}&after=${cursor}`);
    items.push(...current.items);
    if (current.nextCursor === null) return items;
    cursor = current.nextCursor;
    options.between?.(pageNumber);
  }
}

function changeKey(member: RawMember): [number, number] {
  return [Date.parse(member.changedTime), member.actNo];
}

function isInChangeOrder(members: readonly RawMember[]): boolean {
  return members.every((member, i) => {
    const previous = members[i - 1];
    if (previous === undefined) return true;
    const [t0, a0] = changeKey(previous);
    const [t1, a1] = changeKey(member);
    return t1 > t0 || (t1 === t0 && a1 > a0);
  });
}

describe('Consio simulator', () => {
  let large: ConsioSim;
  let largeAuth: RequestInit;

  beforeAll(async () => {
    large = await startConsioSim({ memberCount: 100_000, seed: 7 });
    largeAuth = await bearer(large);
  });
  afterAll(async () => {
    await large.close();
  });

  it('serves the same members for the same seed and different ones for another', async () => {
    const [a, b, c] = await Promise.all([
      startConsioSim({ memberCount: 500, seed: 42 }),
      startConsioSim({ memberCount: 500, seed: 42 }),
      startConsioSim({ memberCount: 500, seed: 43 }),
    ]);
    try {
      const [pageA, pageB, pageC] = await Promise.all([a, b, c].map(async (sim) => page(sim, await bearer(sim), 'limit=50')));
      expect(pageA).toEqual(pageB);
      expect(pageA?.items).not.toEqual(pageC?.items);
      expect(pageA?.items[0]?.actNo).toBe(100_001);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('serves pages of a million-member register without generating the members before them', async () => {
    const million = await startConsioSim({ memberCount: 1_000_000, seed: 5 });
    try {
      const auth = await bearer(million);
      const first = await page(million, auth, 'limit=1000');
      const second = await page(million, auth, `limit=1000&after=${first.nextCursor ?? ''}`);
      expect(first.totalCount).toBe(1_000_000);
      expect(second.items[0]?.actNo).toBe(101_001);

      // Near the end of the change order: found by binary search, not by building every member.
      const recent = await page(million, auth, 'limit=1000&changedSince=2025-05-20T00:00:00Z');
      expect(recent.items).toHaveLength(1000);
      expect(recent.totalCount).toBeGreaterThan(5_000);
      expect(recent.totalCount).toBeLessThan(20_000);
      expect(recent.items.every((member) => member.changedTime >= '2025-05-20T00:00:00.000Z')).toBe(true);
      expect(isInChangeOrder(recent.items)).toBe(true);

      expect(million.stats.membersGenerated).toBeLessThanOrEqual(3_000);
    } finally {
      await million.close();
    }
  });

  it.each([
    ['limit=1001', 'a limit above the maximum'],
    ['limit=0', 'a zero limit'],
    ['limit=abc', 'a limit that is not a number'],
    ['limit=1e3', 'a limit in exponent notation'],
    ['changedSince=yesterday', 'a changedSince that is not a date'],
    ['changedSince=2025-01-01', 'a changedSince without a time'],
    ['after=bm90LWEtY3Vyc29y', 'a cursor the server did not issue'],
  ])('answers 400 problem details for %s (%s)', async (query) => {
    const answer = await call(large, `/api/v2/members?${query}`, largeAuth);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Problem.parse(answer.body).status).toBe(400);
  });

  it('refuses a cursor from another query', async () => {
    const full = await page(large, largeAuth, 'limit=10');
    const reused = await call(large, `/api/v2/members?limit=10&changedSince=2024-01-01T00:00:00Z&after=${full.nextCursor ?? ''}`, largeAuth);
    expect(reused.status).toBe(400);

    const delta = await page(large, largeAuth, 'limit=10&changedSince=2024-01-01T00:00:00Z');
    const otherSince = await call(large, `/api/v2/members?limit=10&changedSince=2024-02-01T00:00:00Z&after=${delta.nextCursor ?? ''}`, largeAuth);
    expect(otherSince.status).toBe(400);
  });

  it('generates plausible members in Consio’s formats', async () => {
    const { items } = await page(large, largeAuth, 'limit=1000');
    let withSsn = 0;
    let active = 0;
    for (const member of items) {
      if (member.memberStatus === 'ACTIVE') active++;
      expect(member.dateOfBirth).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
      expect(member.changedTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      if (member.ssn === null) continue;
      withSsn++;
      expect(isValidFodselsnummer(member.ssn)).toBe(true);
      // The birth date it encodes; synthetic, so its month has 80 added (Tenor's numbers).
      const [d, m, y] = member.dateOfBirth.split('.');
      expect(fodselsnummerBirthDate(member.ssn)).toBe(`${y}-${m}-${d}`);
      expect(Number(member.ssn.slice(2, 4))).toBeGreaterThan(80);
    }
    expect(withSsn).toBeGreaterThan(450);
    expect(withSsn).toBeLessThan(650);
    expect(active).toBeGreaterThan(650);
    expect(new Set(items.map((member) => member.memberStatus))).toEqual(new Set(['ACTIVE', 'NEW', 'UNPAID', 'TERMINATED', 'DECEASED']));
  });

  it('gives every department exactly one chair', async () => {
    const { items } = await page(large, largeAuth, 'limit=1000');
    const chairs = new Map<number, number>();
    for (const member of items) {
      if (!member.functions.some((fn) => fn.functionId === 10) || member.department === null) continue;
      chairs.set(member.department.departmentNo, (chairs.get(member.department.departmentNo) ?? 0) + 1);
    }
    expect(chairs.size).toBe(18);
    expect([...chairs.values()].every((count) => count === 1)).toBe(true);
  });

  it('serves the organization with a valid organisation number and its webhook capability', async () => {
    const answer = await call(large, '/api/v2/organization', largeAuth);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      organizationNumber: large.organization.organizationNumber,
      name: large.organization.name,
      features: { webhooks: false },
    });
    const digits = Array.from(large.organization.organizationNumber, Number);
    const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((total, weight, i) => total + weight * (digits[i] ?? 0), 0);
    expect((11 - (sum % 11)) % 11).toBe(digits[8]);

    const withWebhooks = await startConsioSim({ memberCount: 1, webhooks: true });
    try {
      expect((await call(withWebhooks, '/api/v2/organization', await bearer(withWebhooks))).body).toMatchObject({ features: { webhooks: true } });
    } finally {
      await withWebhooks.close();
    }
  });

  describe('the OpenID token endpoint', () => {
    const { clientId, clientSecret } = defaultConsioSimCredentials;
    const good = { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'members' };

    it('issues random bearer tokens for the client credentials grant', async () => {
      const first = await call(large, '/OpenIdserver/connect/token', tokenRequest(good));
      const second = await call(large, '/OpenIdserver/connect/token', tokenRequest({ ...good, scope: '' }));
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('no-store');
      expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'members' });
      expect(TokenAnswer.parse(first.body).access_token).not.toBe(TokenAnswer.parse(second.body).access_token);
    });

    it('accepts client_secret_basic too', async () => {
      const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
      const answer = await call(large, '/OpenIdserver/connect/token', tokenRequest({ grant_type: 'client_credentials' }, { Authorization: basic }));
      expect(answer.status).toBe(200);
    });

    it.each([
      ['a wrong secret', { ...good, client_secret: 'feil-hemmelighet' }, 400, 'invalid_client'],
      ['an unknown client', { ...good, client_id: 'someone-else' }, 400, 'invalid_client'],
      ['another grant', { ...good, grant_type: 'password' }, 400, 'unsupported_grant_type'],
      ['another scope', { ...good, scope: 'openid members' }, 400, 'invalid_scope'],
      ['no grant type', { client_id: clientId, client_secret: clientSecret }, 400, 'invalid_request'],
    ])('answers %s with an RFC 6749 error', async (_label, form, status, error) => {
      const answer = await call(large, '/OpenIdserver/connect/token', tokenRequest(form));
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ error });
    });

    it('answers a wrong Basic secret with 401 and a challenge', async () => {
      const basic = `Basic ${Buffer.from(`${clientId}:wrong`).toString('base64')}`;
      const answer = await call(large, '/OpenIdserver/connect/token', tokenRequest({ grant_type: 'client_credentials' }, { Authorization: basic }));
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect(answer.body).toMatchObject({ error: 'invalid_client' });
    });

    it('refuses JSON and repeated parameters', async () => {
      const json = await call(large, '/OpenIdserver/connect/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(good),
      });
      expect(json.status).toBe(400);
      const repeated = await call(large, '/OpenIdserver/connect/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `${new URLSearchParams(good).toString()}&scope=members`,
      });
      expect(repeated.body).toMatchObject({ error: 'invalid_request' });
    });

    it('checks tokens on every data request and can revoke them all', async () => {
      const none = await call(large, '/api/v2/organization');
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect(Problem.parse(none.body).status).toBe(401);

      const auth = await bearer(large);
      expect((await call(large, '/api/v2/organization', auth)).status).toBe(200);
      large.revokeTokens();
      const revoked = await call(large, '/api/v2/organization', auth);
      expect(revoked.status).toBe(401);
      expect(revoked.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      largeAuth = await bearer(large);
    });
  });
});

describe('Consio simulator listings while the register changes', () => {
  let sim: ConsioSim;
  let auth: RequestInit;

  beforeEach(async () => {
    sim = await startConsioSim({ memberCount: 1_000, seed: 21 });
    auth = await bearer(sim);
  });
  afterEach(async () => {
    await sim.close();
  });

  it('keeps a cursor listing stable when members join, change and leave during it', async () => {
    const original = new Set(Array.from(sim.records(), (member) => member.actNo));
    const removed = new Set<number>();
    const joined = new Set<number>();
    const listed = await listAll(sim, auth, 'limit=100', {
      between(pageNumber) {
        if (pageNumber > 3) return;
        const { changed, removed: gone } = sim.evolve({ joins: 7, contactChanges: 5, removals: 3 });
        for (const id of changed) if (!original.has(Number(id))) joined.add(Number(id));
        for (const id of gone) removed.add(Number(id));
      },
    });

    const ids = listed.map((member) => member.actNo);
    expect(new Set(ids).size).toBe(ids.length);
    expect(joined.size).toBe(21);
    expect(removed.size).toBe(9);
    // Everyone who stayed is listed once (a page count would have skipped some after removals),
    // and everyone who joined is listed once, after the others.
    const listedIds = new Set(ids);
    expect([...original].filter((id) => !removed.has(id) && !listedIds.has(id))).toEqual([]);
    expect(ids.slice(-joined.size)).toEqual([...joined].sort((a, b) => a - b));
  });

  it('lists changes since a time, oldest first, and only those', async () => {
    const before = new Date().toISOString();
    const { changed, removed } = sim.evolve({ joins: 4, lapses: 5, roleChanges: 5, chapterMoves: 5, contactChanges: 5, removals: 3 });
    expect(changed).toHaveLength(24);
    expect(removed).toHaveLength(3);

    const delta = await listAll(sim, auth, `limit=7&changedSince=${before}`);
    expect(delta.map((member) => String(member.actNo))).toEqual(changed);
    expect(isInChangeOrder(delta)).toBe(true);
    expect((await page(sim, auth, `limit=1&changedSince=${before}`)).totalCount).toBe(24);
  });

  it('serves a change made during a delta listing at its end', async () => {
    const before = new Date().toISOString();
    sim.evolve({ contactChanges: 10 });
    const first = await page(sim, auth, `limit=5&changedSince=${before}`);
    const alreadyServed = first.items[0]?.actNo ?? 0;
    const index = sim.indexOf(alreadyServed) ?? -1;
    sim.updateMember(index, { memberStatus: 'TERMINATED' });

    const rest = await listAll(sim, auth, `limit=5&changedSince=${before}`, { after: first.nextCursor });
    expect(rest).toHaveLength(6);
    expect(rest.at(-1)).toMatchObject({ actNo: alreadyServed, memberStatus: 'TERMINATED' });
  });

  it('shows each kind of evolve() change through the API', async () => {
    const { changed, removed } = sim.evolve({ joins: 1, lapses: 1, roleChanges: 1, chapterMoves: 1, contactChanges: 1, removals: 1 });
    const [joinId, lapseId, roleId, moveId, contactId] = changed.map(Number);
    const fresh = await startConsioSim({ memberCount: 1_000, seed: 21 });
    try {
      const read = async (actNo: number | undefined): Promise<RawMember> =>
        RawMember.parse((await call(sim, `/api/v2/members/${actNo ?? 0}`, auth)).body);
      const original = (actNo: number | undefined): RawMember => RawMember.parse(fresh.member(fresh.indexOf(actNo ?? 0) ?? -1));

      expect(joinId).toBe(101_001);
      expect(await read(joinId)).toMatchObject({ memberStatus: 'NEW', functions: [{ functionId: 1 }] });
      expect(original(lapseId).memberStatus).toBe('ACTIVE');
      expect((await read(lapseId)).memberStatus).toBe('UNPAID');
      const hadVolunteer = original(roleId).functions.some((fn) => fn.functionId === 30);
      expect((await read(roleId)).functions.some((fn) => fn.functionId === 30)).toBe(!hadVolunteer);
      expect((await read(moveId)).department?.departmentNo).not.toBe(original(moveId).department?.departmentNo);
      const contactNow = await read(contactId);
      const contactThen = original(contactId);
      expect([contactNow.emailAddress, contactNow.mobilePhone]).not.toEqual([contactThen.emailAddress, contactThen.mobilePhone]);

      expect((await call(sim, `/api/v2/members/${removed[0] ?? ''}`, auth)).status).toBe(404);
      expect(sim.memberCount).toBe(1_000);
      expect(Array.from(sim.records()).some((member) => String(member.actNo) === removed[0])).toBe(false);
    } finally {
      await fresh.close();
    }
  });

  it('serves records() exactly as the API lists them', async () => {
    sim.setInvalidRecordRate(0.1);
    sim.evolve({ joins: 3, removals: 2, contactChanges: 4 });
    expect(await listAll(sim, auth, 'limit=1000')).toEqual(Array.from(sim.records()));
  });
});

describe('Consio simulator writes', () => {
  let sim: ConsioSim;
  let auth: RequestInit;

  beforeAll(async () => {
    sim = await startConsioSim({ memberCount: 50, seed: 3 });
    auth = await bearer(sim);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('applies a partial change and answers the member as stored', async () => {
    const before = sim.member(4);
    const answer = await call(
      sim,
      `/api/v2/members/${before.actNo}`,
      patchRequest(auth, {
        memberStatus: 'UNPAID',
        mobilePhone: '+4791234567',
        functions: [{ functionId: 1 }, { functionId: 30 }],
        department: { departmentNo: 4601 },
      }),
    );
    expect(answer.status).toBe(200);
    const after = RawMember.parse(answer.body);
    expect(after).toMatchObject({
      actNo: before.actNo,
      firstname: before.firstname,
      emailAddress: before.emailAddress,
      memberStatus: 'UNPAID',
      mobilePhone: '+4791234567',
      functions: [
        { functionId: 1, functionName: 'Medlem' },
        { functionId: 30, functionName: 'Frivillig' },
      ],
      department: { departmentNo: 4601, departmentName: 'Avdeling Bergen' },
    });
    expect(after.changedTime > before.changedTime).toBe(true);
    expect((await call(sim, `/api/v2/members/${before.actNo}`, auth)).body).toEqual(after);
  });

  it('answers 404 problem details for a member it does not have', async () => {
    const answer = await call(sim, '/api/v2/members/999999', patchRequest(auth, { memberStatus: 'ACTIVE' }));
    expect(answer.status).toBe(404);
    expect(Problem.parse(answer.body).title).toBe('Member not found');
  });

  it('answers 422 with the refused fields listed', async () => {
    const { actNo } = sim.member(5);
    const answer = await call(
      sim,
      `/api/v2/members/${actNo}`,
      patchRequest(auth, {
        memberStatus: 'PAUSED',
        emailAddress: 'not-an-address',
        ssn: '15079012367',
        department: { departmentNo: 1 },
        shoeSize: 44,
      }),
    );
    expect(answer.status).toBe(422);
    const body = z.object({ errors: z.record(z.string(), z.array(z.string())) }).parse(answer.body);
    expect(Object.keys(body.errors).sort()).toEqual(['department', 'emailAddress', 'memberStatus', 'shoeSize', 'ssn']);
    expect(sim.member(5).memberStatus).not.toBe('PAUSED');
  });

  it('answers 400 for a body that is not a JSON object and 415 for another media type', async () => {
    const { actNo } = sim.member(6);
    expect((await call(sim, `/api/v2/members/${actNo}`, { ...patchRequest(auth, {}), body: '[1,' })).status).toBe(400);
    expect((await call(sim, `/api/v2/members/${actNo}`, patchRequest(auth, [1]))).status).toBe(400);
    expect((await call(sim, `/api/v2/members/${actNo}`, patchRequest(auth, { memberStatus: 'ACTIVE' }, 'text/plain'))).status).toBe(415);
  });
});

describe('Consio simulator faults', () => {
  let sim: ConsioSim;
  let auth: RequestInit;

  beforeAll(async () => {
    sim = await startConsioSim({ memberCount: 30, seed: 9 });
    auth = await bearer(sim);
  });
  afterAll(async () => {
    await sim.close();
  });
  afterEach(() => {
    sim.resetFaults();
  });

  it('fails the next requests with the status asked for, with Retry-After as an HTTP-date, then recovers', async () => {
    sim.failNext(2, 429, { retryAfterSeconds: 30 });
    const limited = await call(sim, '/api/v2/members', auth);
    expect(limited.status).toBe(429);
    const retryAt = Date.parse(limited.headers.get('retry-after') ?? '');
    expect(retryAt - Date.now()).toBeGreaterThan(25_000);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await call(sim, '/api/v2/members', auth)).status).toBe(429);
    expect((await call(sim, '/api/v2/members', auth)).status).toBe(200);
  });

  it('sends Retry-After in seconds when asked to, as a proxy would', async () => {
    sim.failNext(1, 503, { retryAfterSeconds: 12, retryAfterFormat: 'seconds' });
    const unavailable = await call(sim, '/api/v2/members', auth);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('12');
  });

  it('never fails the token endpoint with queued faults', async () => {
    sim.failNext(1, 500);
    await bearer(sim);
    expect((await call(sim, '/api/v2/organization', auth)).status).toBe(500);
  });

  it('serves malformed bodies on request', async () => {
    sim.malformedNext(1, 'not_json');
    const html = await call(sim, '/api/v2/members', auth);
    expect(html.status).toBe(200);
    expect(typeof html.body).toBe('string');
  });

  it('resets connections while down', async () => {
    sim.setDown(true);
    await expect(fetch(`${sim.url}/api/v2/organization`, auth)).rejects.toThrow('fetch failed');
    sim.setDown(false);
    expect((await call(sim, '/api/v2/organization', auth)).status).toBe(200);
  });

  it('limits the request rate with a token bucket, answering 429 with an HTTP-date', async () => {
    sim.setRateLimit({ requestsPerSecond: 1 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(sim, '/api/v2/organization', auth)));
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused.every((answer) => !Number.isNaN(Date.parse(answer.headers.get('retry-after') ?? '')))).toBe(true);
    sim.setRateLimit(null);
    expect((await call(sim, '/api/v2/organization', auth)).status).toBe(200);
  });

  it('fails a share of requests transiently, the same ones for the same seed', async () => {
    async function outcomes(seed: number): Promise<string[]> {
      const other = await startConsioSim({ memberCount: 5, seed });
      const otherAuth = await bearer(other);
      other.setTransientFailureRate(0.3);
      const seen: string[] = [];
      try {
        for (let i = 0; i < 40; i++) {
          const status = await call(other, '/api/v2/organization', otherAuth).then(
            (answer) => String(answer.status),
            () => 'reset',
          );
          seen.push(status);
        }
      } finally {
        await other.close();
      }
      return seen;
    }
    const [first, again, otherSeed] = [await outcomes(4), await outcomes(4), await outcomes(5)];
    expect(first).toEqual(again);
    expect(first).not.toEqual(otherSeed);
    const failures = first.filter((status) => status !== '200');
    expect(failures.length).toBeGreaterThan(3);
    expect(failures.length).toBeLessThan(25);
    expect(new Set(failures)).toEqual(new Set(['503', '429', 'reset']));
  });

  it('serves the same members as invalid on every page, and more of them at a higher rate', async () => {
    const ids = Array.from(sim.records(), (member) => String(member.actNo));
    sim.setInvalidRecordRate(0.2);
    const low = ids.filter((id) => sim.isInvalidRecord(id));
    const listed = RawPage.parse((await call(sim, '/api/v2/members?limit=30', auth)).body).items;
    const defective = listed.filter(
      (member) => member.surname === '' || member.dateOfBirth.startsWith('31.02.') || member.memberStatus === 'SUSPENDED',
    );
    expect(defective.map((member) => String(member.actNo))).toEqual(low);
    expect(low.length).toBeGreaterThan(0);

    sim.setInvalidRecordRate(0.6);
    const high = ids.filter((id) => sim.isInvalidRecord(id));
    expect(high.length).toBeGreaterThan(low.length);
    expect(low.every((id) => high.includes(id))).toBe(true);
    sim.setInvalidRecordRate(0);
  });
});
