import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyAuth, userPasswordClientAuth, type CornerstoneAuth } from '../../backend/adapters/cornerstone/auth.ts';
import { createCornerstoneSource, type CornerstoneSourceConfig } from '../../backend/adapters/cornerstone/client.ts';
import { mapCornerstoneRecord } from '../../backend/adapters/cornerstone/mapping.ts';
import { SourceError, type MemberSource, type SourceRecord } from '../../backend/adapters/member-source.ts';
import { memberRoles, memberStatuses, type CanonicalMember } from '../../shared/domain/member.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { sourceError } from '../support/source-error.ts';

const memberCount = 2_345;

let sim: CornerstoneSim;

beforeAll(async () => {
  sim = await startCornerstoneSim({ memberCount, seed: 11 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.resetFaults();
});

function keyAuth(): CornerstoneAuth {
  return apiKeyAuth(sim.credentials.apiKey);
}

function passwordAuth(overrides: Partial<{ username: string; password: string; clientId: string }> = {}): CornerstoneAuth {
  const { username, password, clientId } = sim.credentials;
  return userPasswordClientAuth({ username, password, clientId, ...overrides });
}

function source(config: Partial<CornerstoneSourceConfig> = {}): MemberSource {
  return createCornerstoneSource({ baseUrl: sim.url, auth: keyAuth(), allowLoopbackHttp: true, ...config });
}

async function listAll(memberSource: MemberSource): Promise<{ records: SourceRecord[]; pages: number; total: number | null }> {
  const records: SourceRecord[] = [];
  let page = await memberSource.listMembers(null);
  let pages = 1;
  records.push(...page.records);
  while (page.nextCursor !== null) {
    page = await memberSource.listMembers(page.nextCursor);
    records.push(...page.records);
    pages++;
  }
  return { records, pages, total: page.total };
}

function rejection(record: SourceRecord | undefined): Extract<SourceRecord, { ok: false }> {
  if (record === undefined || record.ok) throw new Error('expected a rejected record');
  return record;
}

function members(records: SourceRecord[]): CanonicalMember[] {
  return records.flatMap((record) => (record.ok ? [record.member] : []));
}

describe('Cornerstone adapter against the simulator', () => {
  let all: SourceRecord[];

  beforeAll(async () => {
    const listing = await listAll(source({ pageSize: 500 }));
    all = listing.records;
    expect(listing.pages).toBe(5);
    expect(listing.total).toBe(memberCount);
  });

  it('lists every member exactly once across pages', () => {
    expect(all).toHaveLength(memberCount);
    expect(all.every((record) => record.ok)).toBe(true);
    expect(new Set(members(all).map((member) => member.externalId)).size).toBe(memberCount);
  });

  it('maps every status and role the register holds, in our vocabulary', () => {
    const mapped = members(all);
    expect(new Set(mapped.map((member) => member.status))).toEqual(new Set(memberStatuses));
    expect(new Set(mapped.flatMap((member) => member.roles))).toEqual(new Set(memberRoles));

    const first = mapped[0];
    const raw = sim.member(0);
    expect(first).toMatchObject({
      externalId: raw.memberId,
      firstName: raw.firstName,
      lastName: raw.lastName,
      email: raw.email,
      birthDate: raw.birthDate,
      affiliation: raw.unit,
      sourceUpdatedAt: raw.lastModified,
    });
    expect(first?.phone).toBe(raw.mobile === null ? null : raw.mobile.replace(/\s/g, ''));
  });

  it('reduces the personnummer to hasPersonnummer and never passes it on', () => {
    const mapped = members(all);
    const carriers = mapped.filter((member, index) => {
      expect(member.hasPersonnummer).toBe(sim.member(index).nationalIdentityNumber !== null);
      return member.hasPersonnummer;
    });
    expect(carriers.length / memberCount).toBeGreaterThan(0.5);
    expect(carriers.length / memberCount).toBeLessThan(0.7);

    const serialized = JSON.stringify(all);
    expect(serialized).not.toMatch(/\d{11}/);
    expect(serialized).not.toContain('nationalIdentityNumber');
  });

  it('follows the cursor to the end and stops there', async () => {
    const last = await source({ pageSize: 500 }).listMembers('5');
    expect(last.records).toHaveLength(345);
    expect(last.nextCursor).toBeNull();
    const past = await source({ pageSize: 500 }).listMembers('6');
    expect(past).toEqual({ records: [], nextCursor: null, total: memberCount });
  });
});

/** Polls until `condition` holds: for waiting on something the simulator will do, not on time. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let attempt = 0; !condition(); attempt++) {
    if (attempt > 1_000) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('authentication', () => {
  it('lets one caller cancel without failing the others that share its login', async () => {
    const memberSource = source({ auth: passwordAuth() });
    sim.setLatency(300);
    const tokenRequestsBefore = sim.stats.tokenRequests;
    const requestsBefore = sim.stats.requests;
    const controller = new AbortController();
    const reason = new Error('this caller gave up');

    const cancelled = memberSource.listMembers(null, controller.signal);
    const patient = memberSource.listMembers(null);
    // The shared login has reached the simulator (it answers after the latency).
    await waitFor(() => sim.stats.requests > requestsBefore);
    controller.abort(reason);

    await expect(cancelled).rejects.toBe(reason);
    await expect(patient).resolves.toMatchObject({ nextCursor: '2' });
    expect(sim.stats.tokenRequests - tokenRequestsBefore).toBe(1);
  });

  it('stops a login nobody waits for any more, and the next request logs in afresh', async () => {
    const memberSource = source({ auth: passwordAuth() });
    sim.setLatency(300);
    const requestsBefore = sim.stats.requests;
    const controller = new AbortController();
    const listing = memberSource.listMembers(null, controller.signal);
    await waitFor(() => sim.stats.requests > requestsBefore);
    controller.abort(new Error('cancelled'));
    await expect(listing).rejects.toThrow('cancelled');

    sim.setLatency(0);
    await expect(memberSource.listMembers(null)).resolves.toMatchObject({ nextCursor: '2' });
  });

  it('works with an API key', async () => {
    await expect(source().testConnection()).resolves.toEqual({ organizationName: sim.organization.name, memberCount, webhooksAvailable: true });
  });

  it('works with username, password and client ID, reusing the token', async () => {
    const before = sim.stats.tokenRequests;
    const memberSource = source({ auth: passwordAuth() });
    await expect(memberSource.testConnection()).resolves.toEqual({ organizationName: sim.organization.name, memberCount, webhooksAvailable: true });
    await memberSource.listMembers(null);
    expect(sim.stats.tokenRequests - before).toBe(1);
  });

  it('logs in again once when the token is refused', async () => {
    const memberSource = source({ auth: passwordAuth() });
    await memberSource.listMembers(null);
    const before = sim.stats.tokenRequests;
    sim.revokeTokens();
    const page = await memberSource.listMembers(null);
    expect(page.records.length).toBeGreaterThan(0);
    expect(sim.stats.tokenRequests - before).toBe(1);
  });

  it.each([
    ['password', { password: 'feil-passord' }],
    ['username', { username: 'someone-else' }],
    ['client ID', { clientId: 'other-client' }],
  ])('reports a wrong %s as source_auth_failed for the org admin', async (_field, overrides) => {
    const error = await sourceError(source({ auth: passwordAuth(overrides) }).testConnection());
    expect(error.code).toBe('source_auth_failed');
    expect(error.actor).toBe('org_admin');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/integration settings/);
  });

  it('reports a wrong API key as source_auth_failed, about the key', async () => {
    const error = await sourceError(source({ auth: apiKeyAuth('cs_wrong') }).listMembers(null));
    expect(error.code).toBe('source_auth_failed');
    expect(error.actor).toBe('org_admin');
    expect(error.message).toMatch(/API key/);
  });

  it('does not retry a refused API key', async () => {
    const before = sim.stats.unauthorized;
    await sourceError(source({ auth: apiKeyAuth('cs_wrong') }).listMembers(null));
    expect(sim.stats.unauthorized - before).toBe(1);
  });
});

describe('failures', () => {
  it('reports a simulator that drops connections as source_unreachable', async () => {
    sim.setDown(true);
    const error = await sourceError(source().listMembers(null));
    expect(error.code).toBe('source_unreachable');
    expect(error.retryable).toBe(true);
  });

  it('reports a closed port as source_unreachable and says to check the address', async () => {
    const gone = await startCornerstoneSim({ memberCount: 1 });
    await gone.close();
    const error = await sourceError(createCornerstoneSource({ baseUrl: gone.url, auth: keyAuth(), allowLoopbackHttp: true }).listMembers(null));
    expect(error.code).toBe('source_unreachable');
    expect(error.actor).toBe('org_admin');
    expect(error.message).toMatch(/API address/);
  });

  it('reports a name that does not resolve as source_unreachable for the org admin', async () => {
    const failingFetch: typeof fetch = () =>
      Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) }));
    const error = await sourceError(
      createCornerstoneSource({ baseUrl: 'https://cornerstone.invalid', auth: keyAuth(), fetch: failingFetch }).listMembers(null),
    );
    expect(error.code).toBe('source_unreachable');
    expect(error.actor).toBe('org_admin');
    expect(error.message).toContain('cornerstone.invalid');
  });

  it('reports a 503 as a retryable source_server_error for the vendor', async () => {
    sim.failNext(1, 503);
    const error = await sourceError(source().listMembers(null));
    expect(error.code).toBe('source_server_error');
    expect(error.actor).toBe('vendor');
    expect(error.retryable).toBe(true);
    await expect(source().listMembers(null)).resolves.toMatchObject({ nextCursor: '2' });
  });

  it('reports a 429 as source_rate_limited with the Retry-After seconds', async () => {
    sim.failNext(1, 429, { retryAfterSeconds: 12 });
    const error = await sourceError(source().listMembers(null));
    expect(error.code).toBe('source_rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(12);
  });

  it('reports an answer slower than timeoutMs as a retryable source_timeout', async () => {
    // Without the timeout the 2 s answer would arrive and the call would succeed.
    sim.setLatency(2_000);
    const error = await sourceError(source({ timeoutMs: 150 }).listMembers(null));
    expect(error.code).toBe('source_timeout');
    expect(error.retryable).toBe(true);
  });

  it('passes the caller’s own cancellation through unchanged', async () => {
    sim.setLatency(2_000);
    const controller = new AbortController();
    const reason = new Error('sync cancelled');
    const listing = source().listMembers(null, controller.signal);
    setTimeout(() => controller.abort(reason), 50);
    await expect(listing).rejects.toBe(reason);
  });

  it.each(['bad_envelope', 'not_json'] as const)('reports a %s answer as source_bad_response for the vendor', async (body) => {
    sim.malformedNext(1, body);
    const error = await sourceError(source().listMembers(null));
    expect(error.code).toBe('source_bad_response');
    expect(error.actor).toBe('vendor');
  });

  it('refuses plain http to another machine, which would send credentials in clear text', () => {
    expect(() => createCornerstoneSource({ baseUrl: 'http://cornerstone.example.com', auth: keyAuth() })).toThrow(SourceError);
    expect(() => createCornerstoneSource({ baseUrl: 'http://cornerstone.example.com', auth: keyAuth(), allowLoopbackHttp: true })).toThrow(
      SourceError,
    );
  });

  it('refuses plain http even to this machine unless the host runs the simulator itself', () => {
    expect(() => createCornerstoneSource({ baseUrl: sim.url, auth: keyAuth() })).toThrow(/https/);
  });
});

describe('rejected records', () => {
  afterAll(async () => {
    // Restore the register for any later test.
    const fresh = await startCornerstoneSim({ memberCount: 10, seed: 11 });
    for (const index of [3, 6]) sim.updateMember(index, fresh.member(index));
    await fresh.close();
  });

  it('rejects a record with an unknown status, with a reason, and keeps the rest of the page', async () => {
    sim.updateMember(3, { membershipStatus: 'Æresmedlem' });
    const page = await source({ pageSize: 10 }).listMembers(null);
    const rejected = rejection(page.records[3]);
    expect(rejected.externalId).toBe('CS-0000004');
    expect(rejected.reason).toContain('Æresmedlem');
    expect(rejected.problems).toEqual([{ field: 'status', problem: 'unknown_status' }]);
    expect(page.records.filter((record) => record.ok)).toHaveLength(9);
  });

  it('never puts the personnummer in a rejection reason', async () => {
    sim.updateMember(6, { email: 'ikke-en-epost', nationalIdentityNumber: '15079012367' });
    const page = await source({ pageSize: 10 }).listMembers(null);
    expect(rejection(page.records[6]).reason).toMatch(/email/);
    expect(JSON.stringify(page)).not.toContain('15079012367');
  });
});

describe('mapCornerstoneRecord', () => {
  const base = {
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
    lastModified: '2024-03-15T10:22:31+01:00',
  };

  function mapped(patch: Record<string, unknown>): CanonicalMember {
    const record = mapCornerstoneRecord({ ...base, ...patch });
    if (!record.ok) throw new Error(`rejected: ${record.reason}`);
    return record.member;
  }

  it.each([
    ['Aktiv', 'active'],
    ['Avventer', 'pending'],
    ['Restanse', 'lapsed'],
    ['Utmeldt', 'resigned'],
    ['Død', 'deceased'],
  ])('maps status %s to %s', (membershipStatus, status) => {
    expect(mapped({ membershipStatus }).status).toBe(status);
  });

  it('maps every role code, dropping unknown ones and duplicates', () => {
    const roles = ['MEDLEM', 'STYREMEDLEM', 'STYRELEDER', 'NESTLEDER', 'KASSERER', 'LEDER', 'FRIVILLIG', 'KONTAKTPERSON', 'REVISOR', 'MEDLEM'];
    expect(mapped({ roles: roles.map((code) => ({ code, name: code })) }).roles).toEqual([
      'member',
      'board_member',
      'chair',
      'deputy_chair',
      'treasurer',
      'leader',
      'volunteer',
      'contact_person',
    ]);
  });

  it('sets hasPersonnummer only for a valid number', () => {
    expect(mapped({}).hasPersonnummer).toBe(true);
    expect(mapped({ nationalIdentityNumber: '150790 12367' }).hasPersonnummer).toBe(true);
    expect(mapped({ nationalIdentityNumber: '15079012368' }).hasPersonnummer).toBe(false);
    expect(mapped({ nationalIdentityNumber: null }).hasPersonnummer).toBe(false);
    expect(mapped({ nationalIdentityNumber: undefined }).hasPersonnummer).toBe(false);
  });

  it('normalises Norwegian phone numbers to E.164 and blank contact fields to null', () => {
    expect(mapped({}).phone).toBe('+4791234567');
    expect(mapped({ mobile: '912 34 567' }).phone).toBe('+4791234567');
    expect(mapped({ mobile: '0047 91234567' }).phone).toBe('+4791234567');
    expect(mapped({ mobile: ' ', email: '' })).toMatchObject({ phone: null, email: null });
  });

  it('keeps the personnummer out of every reason, whatever field it lands in', () => {
    for (const patch of [
      { firstName: 15079012367 },
      { membershipStatus: '15079012367' },
      { birthDate: '15079012367' },
      { lastModified: '150790 12367' },
    ]) {
      const record = mapCornerstoneRecord({ ...base, ...patch });
      expect(record.ok).toBe(false);
      expect(JSON.stringify(record)).not.toMatch(/15079012367|150790 12367/);
    }
  });

  it('refuses a member id that is a personnummer', () => {
    const rejected = rejection(mapCornerstoneRecord({ ...base, memberId: '15079012367' }));
    expect(rejected.externalId).toBeNull();
    expect(rejected.reason).toContain('personnummer');
    expect(rejected.problems).toEqual([{ field: 'externalId', problem: 'personnummer_in_id' }]);
  });

  it('rejects a record that is not an object, or lacks required fields, naming the fields', () => {
    expect(mapCornerstoneRecord('x')).toMatchObject({ ok: false, externalId: null });
    const missing = rejection(mapCornerstoneRecord({ memberId: 'CS-1' }));
    expect(missing.externalId).toBe('CS-1');
    expect(missing.reason).toContain('firstName');
  });

  it('describes a rejection as canonical fields and problem codes, never values', () => {
    expect(rejection(mapCornerstoneRecord('x')).problems).toEqual([{ field: null, problem: 'not_a_record' }]);
    expect(rejection(mapCornerstoneRecord(null)).problems).toEqual([{ field: null, problem: 'not_a_record' }]);
    // Cornerstone's own keys become the canonical field names: mobile is the phone, unit the affiliation.
    expect(rejection(mapCornerstoneRecord({ ...base, memberId: undefined, firstName: null, mobile: 912, unit: { unitId: 'LL' } })).problems).toEqual([
      { field: 'externalId', problem: 'missing' },
      { field: 'firstName', problem: 'missing' },
      { field: 'phone', problem: 'invalid' },
      { field: 'affiliation', problem: 'missing' },
    ]);
    expect(rejection(mapCornerstoneRecord({ ...base, memberId: 'x'.repeat(101) })).problems).toEqual([{ field: 'externalId', problem: 'too_long' }]);
    expect(rejection(mapCornerstoneRecord({ ...base, birthDate: '15.07.1990', email: 'ikke-en-epost' })).problems).toEqual([
      { field: 'email', problem: 'invalid' },
      { field: 'birthDate', problem: 'invalid' },
    ]);
    expect(rejection(mapCornerstoneRecord({ ...base, lastName: ' ', firstName: 'Ha\u0000kon' })).problems).toEqual([
      { field: 'firstName', problem: 'unstorable_text' },
      { field: 'lastName', problem: 'missing' },
    ]);
    expect(rejection(mapCornerstoneRecord({ ...base, firstName: 'K'.repeat(201) })).problems).toEqual([{ field: 'firstName', problem: 'too_long' }]);
  });

  it('keeps at most ten problems, each once', () => {
    const broken = Object.fromEntries(Object.keys(base).map((key) => [key, 42]));
    const { problems } = rejection(mapCornerstoneRecord({ ...broken, roles: [{ code: 1 }, { code: 2 }, { code: 3 }] }));
    expect(problems.length).toBeLessThanOrEqual(10);
    expect(new Set(problems.map((p) => `${p.field}:${p.problem}`)).size).toBe(problems.length);
    expect(problems).toContainEqual({ field: 'roles', problem: 'invalid' });
    expect(JSON.stringify(problems)).not.toContain('42');
  });

  it.each([
    ['a birth date of year 0, a common placeholder PostgreSQL cannot store', { birthDate: '0000-01-01' }, 'birthDate'],
    ['a birth date in the far future', { birthDate: '2999-01-01' }, 'birthDate'],
    ['a change time of year 0', { lastModified: '0000-01-01T00:00:00+00:00' }, 'sourceUpdatedAt'],
  ])('rejects %s as one record, naming the field', (_label, patch, field) => {
    const rejected = rejection(mapCornerstoneRecord({ ...base, ...patch }));
    expect(rejected.externalId).toBe(base.memberId);
    expect(rejected.reason).toContain(field);
    expect(rejected.problems).toEqual([{ field, problem: 'invalid' }]);
  });
});
