import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConsioSource, type ConsioSourceConfig } from '../../backend/adapters/consio/client.ts';
import { mapConsioRecord } from '../../backend/adapters/consio/mapping.ts';
import { SourceError, type MemberPage, type MemberSource, type SourceRecord } from '../../backend/adapters/member-source.ts';
import { memberRoles, memberStatuses, type CanonicalMember } from '../../shared/domain/member.ts';
import { startConsioSim, type ConsioSim } from '../../sim/consio/server.ts';
import { sourceError } from '../support/source-error.ts';

const memberCount = 2_345;

let sim: ConsioSim;

beforeAll(async () => {
  sim = await startConsioSim({ memberCount, seed: 11 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.resetFaults();
});

function source(config: Partial<ConsioSourceConfig> = {}, target: ConsioSim = sim): MemberSource {
  return createConsioSource({ baseUrl: target.url, auth: { ...target.credentials }, allowLoopbackHttp: true, ...config });
}

/** Every page of a listing; `between` runs after each page, to change the register mid-listing. */
async function collect(
  next: (cursor: string | null) => Promise<MemberPage>,
  between: (pageNumber: number) => void = () => undefined,
): Promise<{ records: SourceRecord[]; pages: number; total: number | null }> {
  const records: SourceRecord[] = [];
  let cursor: string | null = null;
  for (let pages = 1; ; pages++) {
    const page = await next(cursor);
    records.push(...page.records);
    if (page.nextCursor === null) return { records, pages, total: page.total };
    cursor = page.nextCursor;
    between(pages);
  }
}

function rejection(record: SourceRecord | undefined): Extract<SourceRecord, { ok: false }> {
  if (record === undefined || record.ok) throw new Error('expected a rejected record');
  return record;
}

function accepted(record: SourceRecord | undefined): CanonicalMember {
  if (record === undefined || !record.ok) throw new Error(`expected a mapped record, got ${JSON.stringify(record)}`);
  return record.member;
}

function members(records: SourceRecord[]): CanonicalMember[] {
  return records.flatMap((record) => (record.ok ? [record.member] : []));
}

function externalIds(records: SourceRecord[]): string[] {
  return records.map((record) => (record.ok ? record.member.externalId : (record.externalId ?? '')));
}

describe('Consio adapter against the simulator', () => {
  let all: SourceRecord[];

  beforeAll(async () => {
    const memberSource = source({ pageSize: 500 });
    const listing = await collect((cursor) => memberSource.listMembers(cursor));
    all = listing.records;
    expect(listing.pages).toBe(5);
    expect(listing.total).toBe(memberCount);
  });

  it('lists every member exactly once across pages', () => {
    expect(all).toHaveLength(memberCount);
    expect(all.every((record) => record.ok)).toBe(true);
    expect(new Set(externalIds(all)).size).toBe(memberCount);
  });

  it('maps every status and role the register holds, in our vocabulary', () => {
    const mapped = members(all);
    expect(new Set(mapped.map((member) => member.status))).toEqual(new Set(memberStatuses));
    expect(new Set(mapped.flatMap((member) => member.roles))).toEqual(new Set(memberRoles));
  });

  it('holds exactly what mapping the simulator’s own records gives', () => {
    expect(all).toEqual(Array.from(sim.records(), mapConsioRecord));
    const raw = sim.member(1);
    expect(accepted(all[1])).toMatchObject({
      externalId: String(raw.actNo),
      firstName: raw.firstname,
      lastName: raw.surname,
      email: raw.emailAddress,
      sourceUpdatedAt: raw.changedTime,
      affiliation: { unitId: String(raw.department?.departmentNo), unitName: raw.department?.departmentName },
    });
  });

  it('reduces the ssn to hasPersonnummer and never passes it on', () => {
    const mapped = members(all);
    const raws = Array.from(sim.records());
    mapped.forEach((member, index) => expect(member.hasPersonnummer).toBe(raws[index]?.ssn !== null));
    const carriers = mapped.filter((member) => member.hasPersonnummer).length / memberCount;
    expect(carriers).toBeGreaterThan(0.45);
    expect(carriers).toBeLessThan(0.65);
    const listedNumbers = new Set(JSON.stringify(all).match(/\d{11}/g));
    expect(raws.filter((raw) => raw.ssn !== null && listedNumbers.has(raw.ssn))).toEqual([]);
  });

  it('reports the organization, member count and that webhooks are not offered', async () => {
    await expect(source().testConnection()).resolves.toEqual({ organizationName: sim.organization.name, memberCount, webhooksAvailable: false });
    const withWebhooks = await startConsioSim({ memberCount: 3, webhooks: true, organizationName: 'Korpset' });
    try {
      await expect(source({}, withWebhooks).testConnection()).resolves.toEqual({
        organizationName: 'Korpset',
        memberCount: 3,
        webhooksAvailable: true,
      });
    } finally {
      await withWebhooks.close();
    }
  });
});

describe('listings while the register changes', () => {
  let moving: ConsioSim;

  beforeAll(async () => {
    moving = await startConsioSim({ memberCount: 600, seed: 12 });
  });
  afterAll(async () => {
    await moving.close();
  });

  it('lists every member once when members join during the listing, the new ones last', async () => {
    const memberSource = source({ pageSize: 100 }, moving);
    const joined: string[] = [];
    const listing = await collect(
      (cursor) => memberSource.listMembers(cursor),
      (pageNumber) => {
        if (pageNumber <= 3) joined.push(...moving.evolve({ joins: 40 }).changed);
      },
    );
    const ids = externalIds(listing.records);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(600 + 120);
    expect(ids.slice(-120)).toEqual(joined);
    expect(listing.total).toBe(720);
  });

  it('lists the changes since a time, oldest first, and nothing else', async () => {
    const memberSource = source({ pageSize: 7 }, moving);
    // As the engine does: just after the newest change seen. A burst of changes (the joins above)
    // gets stamps a few ms ahead of the wall clock, because the simulator never repeats a stamp.
    const newest = Math.max(...Array.from(moving.records(), (member) => Date.parse(member.changedTime)));
    const since = new Date(newest + 1).toISOString();
    const { changed, removed } = moving.evolve({ joins: 3, lapses: 4, roleChanges: 4, chapterMoves: 4, contactChanges: 4, removals: 2 });

    const delta = await collect((cursor) => memberSource.listMembersChangedSince(since, cursor));
    expect(externalIds(delta.records)).toEqual(changed);
    expect(delta.total).toBe(changed.length);
    expect(externalIds(delta.records).some((id) => removed.includes(id))).toBe(false);
    const times = members(delta.records).map((member) => member.sourceUpdatedAt);
    expect([...times].sort()).toEqual(times);
  });

  it('accepts a since with any offset, meaning the same instant', async () => {
    const memberSource = source({ pageSize: 1000 }, moving);
    const since = new Date(Date.now() - 60_000);
    const utc = await memberSource.listMembersChangedSince(since.toISOString(), null);
    const oslo = new Date(since.getTime() + 3_600_000).toISOString().replace('Z', '+01:00');
    expect(await memberSource.listMembersChangedSince(oslo, null)).toEqual(utc);
  });

  it('pages a million-member register without the simulator building it', async () => {
    const million = await startConsioSim({ memberCount: 1_000_000, seed: 13 });
    try {
      const memberSource = source({}, million);
      const first = await memberSource.listMembers(null);
      const second = await memberSource.listMembers(first.nextCursor);
      const recent = await memberSource.listMembersChangedSince('2025-05-25T00:00:00Z', null);
      expect(first.total).toBe(1_000_000);
      expect(first.records).toHaveLength(1000);
      expect(second.records).toHaveLength(1000);
      expect(recent.records).toHaveLength(1000);
      expect(recent.total).toBeLessThan(20_000);
      expect(million.stats.membersGenerated).toBeLessThanOrEqual(3_000);
    } finally {
      await million.close();
    }
  });
});

describe('write-back', () => {
  it('writes a patch and reads the member back as Consio now holds it', async () => {
    const memberSource = source({ pageSize: 20 });
    const raw = sim.member(7);
    const externalId = String(raw.actNo);
    const written = accepted(
      await memberSource.updateMember(externalId, {
        status: 'lapsed',
        roles: ['member', 'volunteer'],
        email: 'ny.adresse@example.no',
        phone: '+4791234567',
        affiliation: { unitId: '5001', unitName: 'Trondheim' },
      }),
    );
    expect(written).toMatchObject({
      externalId,
      status: 'lapsed',
      roles: ['member', 'volunteer'],
      email: 'ny.adresse@example.no',
      phone: '+4791234567',
      affiliation: { unitId: '5001', unitName: 'Avdeling Trondheim' },
      firstName: raw.firstname,
    });
    expect(written.sourceUpdatedAt > raw.changedTime).toBe(true);
    expect(sim.member(7)).toMatchObject({ memberStatus: 'UNPAID', emailAddress: 'ny.adresse@example.no', department: { departmentNo: 5001 } });

    const relisted = (await memberSource.listMembers(null)).records[7];
    expect(accepted(relisted)).toEqual(written);
  });

  it('keeps Consio functions it does not sync when writing roles', async () => {
    const index = 8;
    sim.updateMember(index, {
      functions: [
        { functionId: 1, functionName: 'Medlem' },
        { functionId: 90, functionName: 'Revisor' },
      ],
    });
    const written = accepted(await source().updateMember(String(sim.member(index).actNo), { roles: ['member', 'board_member'] }));
    expect(written.roles).toEqual(['member', 'board_member']);
    expect(
      sim
        .member(index)
        .functions.map((fn) => fn.functionId)
        .sort((a, b) => a - b),
    ).toEqual([1, 13, 90]);
  });

  it('clears contact details written as null', async () => {
    const written = accepted(await source().updateMember(String(sim.member(9).actNo), { email: null, phone: null }));
    expect(written).toMatchObject({ email: null, phone: null });
  });

  it('reports an unknown member as source_not_found for the org admin', async () => {
    const error = await sourceError(source().updateMember('999999', { status: 'active' }));
    expect(error.code).toBe('source_not_found');
    expect(error.actor).toBe('org_admin');
    expect(error.retryable).toBe(false);
  });

  it('refuses an id that is not a Consio member number without sending it or repeating it', async () => {
    const before = sim.stats.memberWrites;
    for (const id of ['CS-0000001', '15079012367']) {
      const error = await sourceError(source().updateMember(id, { status: 'active' }));
      expect(error.code).toBe('source_not_found');
      expect(error.message).not.toContain(id);
    }
    expect(sim.stats.memberWrites).toBe(before);
  });

  it('reports a value Consio refuses as source_rejected_write, naming the field but not the value', async () => {
    const actNo = String(sim.member(10).actNo);
    const phone = await sourceError(source().updateMember(actNo, { phone: 'ring meg på jobb' }));
    expect(phone.code).toBe('source_rejected_write');
    expect(phone.actor).toBe('org_admin');
    expect(phone.message).toContain('phone number');
    expect(phone.message).not.toContain('ring meg');

    const chapter = await sourceError(source().updateMember(actNo, { affiliation: { unitId: '9999', unitName: 'Atlantis' } }));
    expect(chapter.code).toBe('source_rejected_write');
    expect(chapter.message).toContain('local chapter');
    expect(sim.member(10).mobilePhone).not.toBe('ring meg på jobb');
  });

  it('refuses a chapter id Consio cannot hold before sending it', async () => {
    const before = sim.stats.memberWrites;
    const error = await sourceError(
      source().updateMember(String(sim.member(10).actNo), { affiliation: { unitId: 'LL-0301', unitName: 'Oslo lokallag' } }),
    );
    expect(error.code).toBe('source_rejected_write');
    expect(sim.stats.memberWrites).toBe(before);
  });
});

describe('authentication', () => {
  it('logs in once with the client credentials and reuses the token', async () => {
    const before = sim.stats.tokenRequests;
    const memberSource = source();
    await memberSource.testConnection();
    await memberSource.listMembers(null);
    expect(sim.stats.tokenRequests - before).toBe(1);
  });

  it('logs in again once when the token is refused', async () => {
    const memberSource = source();
    await memberSource.listMembers(null);
    const before = sim.stats.tokenRequests;
    sim.revokeTokens();
    const page = await memberSource.listMembers(null);
    expect(page.records.length).toBeGreaterThan(0);
    expect(sim.stats.tokenRequests - before).toBe(1);
  });

  it('gives up after one fresh login when the API keeps refusing', async () => {
    const before = sim.stats.tokenRequests;
    sim.failNext(2, 401);
    const error = await sourceError(source().listMembers(null));
    expect(error.code).toBe('source_auth_failed');
    expect(sim.stats.tokenRequests - before).toBe(2);
  });

  it.each([
    ['secret', { clientId: 'consio-demo-client', clientSecret: 'feil-hemmelighet' }],
    ['client ID', { clientId: 'someone-else', clientSecret: 'consio-demo-secret-2025' }],
  ])('reports a wrong %s as source_auth_failed for the org admin, without retrying', async (_field, auth) => {
    const before = sim.stats.tokenRequests;
    const error = await sourceError(source({ auth }).testConnection());
    expect(error.code).toBe('source_auth_failed');
    expect(error.actor).toBe('org_admin');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/integration settings/);
    expect(sim.stats.tokenRequests - before).toBe(1);
  });

  it('reports a missing members scope as source_auth_failed, saying what to ask Consio for', async () => {
    // The adapter always asks for the scope, so only a hostile server can refuse it.
    const refusing: typeof fetch = () =>
      Promise.resolve(new Response(JSON.stringify({ error: 'invalid_scope' }), { status: 400, headers: { 'Content-Type': 'application/json' } }));
    const error = await sourceError(source({ fetch: refusing }).listMembers(null));
    expect(error.code).toBe('source_auth_failed');
    expect(error.message).toContain('"members" scope');
  });

  it('reports a 403 as source_auth_failed for the org admin', async () => {
    sim.failNext(1, 403);
    const error = await sourceError(source().listMembers(null));
    expect(error.code).toBe('source_auth_failed');
    expect(error.actor).toBe('org_admin');
  });
});

describe('failures', () => {
  it('reports a 429 with an HTTP-date Retry-After as source_rate_limited with seconds', async () => {
    sim.failNext(1, 429, { retryAfterSeconds: 12 });
    const error = await sourceError(source().listMembers(null));
    expect(error.code).toBe('source_rate_limited');
    expect(error.actor).toBe('vendor');
    expect(error.retryable).toBe(true);
    // An HTTP-date has whole seconds, so the wait read back may round either way.
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(11);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(13);
  });

  it('reads a Retry-After in seconds too', async () => {
    sim.failNext(1, 429, { retryAfterSeconds: 12, retryAfterFormat: 'seconds' });
    expect((await sourceError(source().listMembers(null))).retryAfterSeconds).toBe(12);
  });

  it('reports the rate limit as source_rate_limited', async () => {
    const memberSource = source({ pageSize: 1 });
    await memberSource.testConnection();
    sim.setRateLimit({ requestsPerSecond: 1 });
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () =>
        memberSource.listMembers(null).then(
          () => null,
          (error: unknown) => error,
        ),
      ),
    );
    const limited = outcomes.filter((outcome) => outcome instanceof SourceError && outcome.code === 'source_rate_limited');
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(sim.stats.rateLimited).toBeGreaterThanOrEqual(2);
  });

  it('reports a 503 as a retryable source_server_error for the vendor, with the trace id for support', async () => {
    sim.failNext(1, 503);
    const error = await sourceError(source().listMembers(null));
    expect(error.code).toBe('source_server_error');
    expect(error.actor).toBe('vendor');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/trace id 00-[0-9a-f]{32}-[0-9a-f]{16}-00/);
    await expect(source().listMembers(null)).resolves.toMatchObject({ total: memberCount });
  });

  it.each(['bad_envelope', 'not_json'] as const)('reports a %s answer as source_bad_response for the vendor', async (body) => {
    sim.malformedNext(1, body);
    const error = await sourceError(source().listMembers(null));
    expect(error.code).toBe('source_bad_response');
    expect(error.actor).toBe('vendor');
  });

  it('reports a cursor that does not move as source_bad_response instead of looping', async () => {
    const stuck: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!url.pathname.startsWith('/api/')) return fetch(input, init);
      return new Response(JSON.stringify({ items: [sim.member(0)], nextCursor: 'c1', totalCount: memberCount }), {
        headers: { 'Content-Type': 'application/json' },
      });
    };
    const error = await sourceError(source({ fetch: stuck }).listMembers('c1'));
    expect(error.code).toBe('source_bad_response');
  });

  it('reports an answer slower than timeoutMs as a retryable source_timeout', async () => {
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

  it('reports a simulator that drops connections as a retryable source_unreachable', async () => {
    sim.setDown(true);
    const error = await sourceError(source().listMembers(null));
    expect(error.code).toBe('source_unreachable');
    expect(error.retryable).toBe(true);
  });

  it('reports a closed port as source_unreachable and says to check the address', async () => {
    const gone = await startConsioSim({ memberCount: 1 });
    await gone.close();
    const error = await sourceError(source({}, gone).listMembers(null));
    expect(error.code).toBe('source_unreachable');
    expect(error.actor).toBe('org_admin');
    expect(error.message).toMatch(/API address/);
  });

  it('meets the same transient failures for the same seed', async () => {
    async function outcomes(seed: number): Promise<string[]> {
      const flaky = await startConsioSim({ memberCount: 20, seed });
      try {
        const memberSource = source({ pageSize: 5 }, flaky);
        await memberSource.testConnection();
        flaky.setTransientFailureRate(0.4);
        const seen: string[] = [];
        for (let i = 0; i < 25; i++) {
          seen.push(
            await memberSource.listMembers(null).then(
              () => 'ok',
              (error: unknown) => (error instanceof SourceError ? error.code : 'other'),
            ),
          );
        }
        return seen;
      } finally {
        await flaky.close();
      }
    }
    const first = await outcomes(31);
    expect(await outcomes(31)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'source_server_error', 'source_rate_limited', 'source_unreachable']));
  });

  it('refuses plain http to another machine, and to this one unless the host runs the simulator', () => {
    const auth = { ...sim.credentials };
    expect(() => createConsioSource({ baseUrl: 'http://consio.example.com', auth, allowLoopbackHttp: true })).toThrow(SourceError);
    expect(() => createConsioSource({ baseUrl: sim.url, auth })).toThrow(/https/);
  });
});

describe('quarantined records', () => {
  let dirty: ConsioSim;

  beforeAll(async () => {
    dirty = await startConsioSim({ memberCount: 400, seed: 17 });
  });
  afterAll(async () => {
    await dirty.close();
  });

  it('rejects exactly the members the simulator serves invalid, with reasons naming fields and no values', async () => {
    dirty.setInvalidRecordRate(0.1);
    const memberSource = source({ pageSize: 100 }, dirty);
    const { records } = await collect((cursor) => memberSource.listMembers(cursor));
    const rejected = records.filter((record) => !record.ok).map(rejection);
    expect(rejected.map((record) => record.externalId)).toEqual(externalIds(records).filter((id) => dirty.isInvalidRecord(id)));
    expect(rejected.length).toBeGreaterThan(10);
    for (const { reason } of rejected) expect(reason).toMatch(/^Consio record not imported: (surname|dateOfBirth|memberStatus): /);
    const reasons = rejected.map((record) => record.reason).join('\n');
    expect(reasons).not.toMatch(/SUSPENDED|31\.02\.|\d{6}/);
    for (const { problems } of rejected) {
      expect(problems).toHaveLength(1);
      expect([
        { field: 'lastName', problem: 'missing' },
        { field: 'birthDate', problem: 'invalid' },
        { field: 'status', problem: 'unknown_status' },
      ]).toContainEqual(problems[0]);
    }
  });

  it('keeps the rest of a page when one record is bad', async () => {
    dirty.setInvalidRecordRate(0);
    dirty.updateMember(3, { memberStatus: 'ÆRESMEDLEM', emailAddress: 'kari@@example', ssn: '15079012367' });
    const page = await source({ pageSize: 10 }, dirty).listMembers(null);
    const { reason, problems } = rejection(page.records[3]);
    expect(problems).toEqual([
      { field: 'status', problem: 'unknown_status' },
      { field: 'email', problem: 'invalid' },
    ]);
    expect(reason).toContain('memberStatus');
    expect(reason).toContain('emailAddress');
    expect(JSON.stringify(page)).not.toMatch(/ÆRESMEDLEM|kari@@example|15079012367/);
    expect(page.records.filter((record) => record.ok)).toHaveLength(9);
  });
});

describe('mapConsioRecord', () => {
  const base = {
    actNo: 100_001,
    firstname: 'Kari',
    surname: 'Nordmann',
    gender: 'K',
    emailAddress: 'kari@example.com',
    mobilePhone: '91234567',
    dateOfBirth: '15.07.1990',
    ssn: '15079012367',
    memberStatus: 'ACTIVE',
    functions: [{ functionId: 1, functionName: 'Medlem' }],
    department: { departmentNo: 301, departmentName: 'Avdeling Oslo' },
    changedTime: '2024-03-15T09:22:31.123Z',
  };

  function mapped(patch: Record<string, unknown>): CanonicalMember {
    return accepted(mapConsioRecord({ ...base, ...patch }));
  }

  it('maps a record in Consio’s formats to ours', () => {
    expect(mapped({})).toEqual({
      externalId: '100001',
      firstName: 'Kari',
      lastName: 'Nordmann',
      email: 'kari@example.com',
      phone: '+4791234567',
      birthDate: '1990-07-15',
      status: 'active',
      roles: ['member'],
      affiliation: { unitId: '301', unitName: 'Avdeling Oslo' },
      hasPersonnummer: true,
      sourceUpdatedAt: '2024-03-15T09:22:31.123Z',
    });
  });

  it.each([
    ['ACTIVE', 'active'],
    ['NEW', 'pending'],
    ['UNPAID', 'lapsed'],
    ['TERMINATED', 'resigned'],
    ['DECEASED', 'deceased'],
    ['active', 'active'],
  ])('maps status %s to %s', (memberStatus, status) => {
    expect(mapped({ memberStatus }).status).toBe(status);
  });

  it('maps every function id to roles in our order, dropping unknown ones and duplicates', () => {
    const ids = [90, 40, 30, 20, 13, 12, 11, 10, 1, 1];
    expect(mapped({ functions: ids.map((functionId) => ({ functionId })) }).roles).toEqual(memberRoles);
    expect(mapped({ functions: null }).roles).toEqual([]);
  });

  it('reads one-digit days and months, and no birth date as null', () => {
    expect(mapped({ dateOfBirth: '5.7.1990' }).birthDate).toBe('1990-07-05');
    expect(mapped({ dateOfBirth: null }).birthDate).toBeNull();
  });

  it('sets hasPersonnummer only for a valid number', () => {
    expect(mapped({ ssn: '150790 12367' }).hasPersonnummer).toBe(true);
    expect(mapped({ ssn: '15079012368' }).hasPersonnummer).toBe(false);
    expect(mapped({ ssn: null }).hasPersonnummer).toBe(false);
    expect(mapped({ ssn: undefined }).hasPersonnummer).toBe(false);
  });

  it('normalises phone numbers and blank contact fields', () => {
    expect(mapped({ mobilePhone: '+46 70 123 45 67' }).phone).toBe('+46701234567');
    expect(mapped({ mobilePhone: ' ', emailAddress: '' })).toMatchObject({ phone: null, email: null });
  });

  it.each([
    ['an impossible birth date', { dateOfBirth: '31.02.1990' }, 'dateOfBirth', { field: 'birthDate', problem: 'invalid' }],
    ['an ISO birth date', { dateOfBirth: '1990-07-15' }, 'dateOfBirth', { field: 'birthDate', problem: 'invalid' }],
    ['a birth date of year 0', { dateOfBirth: '01.01.0000' }, 'dateOfBirth', { field: 'birthDate', problem: 'invalid' }],
    ['an unknown status', { memberStatus: 'SUSPENDED' }, 'memberStatus', { field: 'status', problem: 'unknown_status' }],
    ['an empty surname', { surname: ' ' }, 'surname', { field: 'lastName', problem: 'missing' }],
    ['a change time without a zone', { changedTime: '2024-03-15T09:22:31' }, 'changedTime', { field: 'sourceUpdatedAt', problem: 'invalid' }],
    [
      'a department without a name',
      { department: { departmentNo: 301, departmentName: '' } },
      'department.departmentName',
      { field: 'affiliation', problem: 'missing' },
    ],
    ['an e-mail address that is not one', { emailAddress: 'kari.example.com' }, 'emailAddress', { field: 'email', problem: 'invalid' }],
    ['a surname too long to keep', { surname: 'N'.repeat(201) }, 'surname', { field: 'lastName', problem: 'too_long' }],
    ['a first name with a NUL character', { firstname: 'Ka\u0000ri' }, 'firstname', { field: 'firstName', problem: 'unstorable_text' }],
  ])('rejects %s as one record, naming the Consio field and the canonical problem', (_label, patch, field, problem) => {
    const rejected = rejection(mapConsioRecord({ ...base, ...patch }));
    expect(rejected.externalId).toBe('100001');
    expect(rejected.reason).toContain(`${field}: `);
    expect(rejected.problems).toEqual([problem]);
  });

  it('names every failing field at once', () => {
    const { reason, problems } = rejection(mapConsioRecord({ ...base, memberStatus: 'X', dateOfBirth: '99.99.1990', surname: '' }));
    expect(problems).toEqual([
      { field: 'status', problem: 'unknown_status' },
      { field: 'birthDate', problem: 'invalid' },
      { field: 'lastName', problem: 'missing' },
    ]);
    expect(reason).toMatch(/memberStatus/);
    expect(reason).toMatch(/dateOfBirth/);
    expect(reason).toMatch(/surname/);
  });

  it('keeps values out of every reason, whatever field they land in', () => {
    for (const patch of [
      { firstname: 15079012367 },
      { memberStatus: '15079012367' },
      { dateOfBirth: '15079012367' },
      { changedTime: '150790 12367' },
      { emailAddress: 'kari.nordmann(at)example.com' },
      { mobilePhone: 15079012367 },
      { functions: [{ functionId: '15079012367' }] },
    ]) {
      const record = mapConsioRecord({ ...base, ...patch });
      expect(record.ok).toBe(false);
      expect(JSON.stringify(record)).not.toMatch(/15079012367|150790 12367|kari\.nordmann/);
    }
  });

  it('refuses a member number that is a personnummer, without keeping it', () => {
    const rejected = rejection(mapConsioRecord({ ...base, actNo: 15079012367 }));
    expect(rejected.externalId).toBeNull();
    expect(rejected.reason).toContain('personnummer');
    expect(rejected.reason).not.toContain('15079012367');
    expect(rejected.problems).toEqual([{ field: 'externalId', problem: 'personnummer_in_id' }]);
    expect(rejection(mapConsioRecord({ ...base, actNo: 15079012367, surname: null })).externalId).toBeNull();
  });

  it('rejects a record that is not an object, or lacks required fields, naming the fields', () => {
    expect(mapConsioRecord('x')).toMatchObject({ ok: false, externalId: null });
    const missing = rejection(mapConsioRecord({ actNo: 7 }));
    expect(missing.externalId).toBe('7');
    expect(missing.reason).toContain('firstname: expected string');
    expect(missing.problems).toEqual([
      { field: 'firstName', problem: 'missing' },
      { field: 'lastName', problem: 'missing' },
      { field: 'status', problem: 'missing' },
      { field: 'sourceUpdatedAt', problem: 'missing' },
    ]);
    expect(rejection(mapConsioRecord('x')).problems).toEqual([{ field: null, problem: 'not_a_record' }]);
    const wrongId = rejection(mapConsioRecord({ ...base, actNo: '100001' }));
    expect(wrongId.externalId).toBeNull();
    expect(wrongId.problems).toEqual([{ field: 'externalId', problem: 'invalid' }]);
  });
});
