import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyAuth, userPasswordClientAuth } from '../../backend/adapters/cornerstone/auth.ts';
import { createCornerstoneSource, type CornerstoneSourceConfig } from '../../backend/adapters/cornerstone/client.ts';
import { SourceError, type MemberPage, type MemberSource, type SourceRecord } from '../../backend/adapters/member-source.ts';
import type { MemberPatch } from '../../shared/domain/member-patch.ts';
import type { CanonicalMember } from '../../shared/domain/member.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { sourceError } from '../support/source-error.ts';

let sim: CornerstoneSim;

beforeAll(async () => {
  sim = await startCornerstoneSim({ memberCount: 400, seed: 17 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.resetFaults();
  sim.setInvalidRecordRate(0);
});

function source(config: Partial<CornerstoneSourceConfig> = {}): MemberSource {
  return createCornerstoneSource({ baseUrl: sim.url, auth: apiKeyAuth(sim.credentials.apiKey), allowLoopbackHttp: true, pageSize: 4, ...config });
}

/**
 * A point in time after every change made so far. Changes are stamped at least a millisecond
 * apart, so a burst of them can run a little ahead of the wall clock.
 */
function afterLastChange(): string {
  let latest = Date.now();
  for (const member of sim.records()) {
    if (typeof member.lastModified === 'string') latest = Math.max(latest, Date.parse(member.lastModified) + 1);
  }
  return new Date(latest).toISOString();
}

async function changedSince(memberSource: MemberSource, since: string): Promise<{ pages: MemberPage[]; records: SourceRecord[] }> {
  const pages = [await memberSource.listMembersChangedSince(since, null)];
  for (let next = pages[0]?.nextCursor ?? null; next !== null;) {
    const page = await memberSource.listMembersChangedSince(since, next);
    pages.push(page);
    next = page.nextCursor;
  }
  return { pages, records: pages.flatMap((page) => page.records) };
}

function member(record: SourceRecord): CanonicalMember {
  if (!record.ok) throw new Error(`rejected: ${record.reason}`);
  return record.member;
}

function idOf(record: SourceRecord): string | null {
  return record.ok ? record.member.externalId : record.externalId;
}

describe('listMembersChangedSince', () => {
  it('lists what changed since, oldest change first, across pages, and leaves removed members to the full sync', async () => {
    const since = afterLastChange();
    const result = sim.evolve({ joins: 2, lapses: 3, chapterMoves: 2, contactChanges: 3, removals: 2 });
    const { pages, records } = await changedSince(source(), since);

    expect(pages.map((page) => page.records.length)).toEqual([4, 4, 2]);
    expect(pages.map((page) => page.nextCursor)).toEqual(['2', '3', null]);
    expect(pages[0]?.total).toBe(10);
    expect(records.map(idOf)).toEqual(result.changed);
    for (const removed of result.removed) expect(records.map(idOf)).not.toContain(removed);

    const stamps = records.map((record) => Date.parse(member(record).sourceUpdatedAt));
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(stamps.every((stamp) => stamp >= Date.parse(since))).toBe(true);
  });

  it('is empty when nothing changed', async () => {
    await expect(source().listMembersChangedSince(afterLastChange(), null)).resolves.toEqual({ records: [], nextCursor: null, total: 0 });
  });

  it('accepts since with any offset, and refuses one without', async () => {
    const since = afterLastChange();
    sim.updateMember(9, { email: 'ny@example.com' });
    const osloOffset = new Date(Date.parse(since) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    const page = await source().listMembersChangedSince(osloOffset, null);
    expect(page.records.map(idOf)).toEqual(['CS-0000010']);

    await expect(source().listMembersChangedSince('2025-01-01T00:00:00', null)).rejects.toThrow(RangeError);
    await expect(source().listMembersChangedSince('yesterday', null)).rejects.toThrow(RangeError);
  });

  it('passes invalid members on as rejected records, the same ones the simulator marks', async () => {
    sim.setInvalidRecordRate(0.25);
    const since = afterLastChange();
    sim.evolve({ contactChanges: 40 });
    const { records } = await changedSince(source({ pageSize: 100 }), since);
    expect(records).toHaveLength(40);
    const rejected = records.filter((record) => !record.ok).map(idOf);
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected).toEqual(records.map(idOf).filter((id) => id !== null && sim.isInvalidRecord(id)));
  });
});

describe('updateMember', () => {
  it('writes a canonical patch in Cornerstone vocabulary and returns the member as Cornerstone now holds it', async () => {
    const before = sim.member(50);
    const patch: MemberPatch = {
      status: 'resigned',
      roles: ['member', 'volunteer', 'contact_person'],
      email: 'skrevet@example.org',
      phone: '+4798765432',
      affiliation: { unitId: 'LL-4601', unitName: 'whatever the app calls it' },
    };
    const written = member(await source().updateMember('CS-0000051', patch));

    expect(written).toMatchObject({
      externalId: 'CS-0000051',
      status: 'resigned',
      roles: ['member', 'volunteer', 'contact_person'],
      email: 'skrevet@example.org',
      phone: '+4798765432',
      affiliation: { unitId: 'LL-4601', unitName: 'Bergen lokallag' },
      firstName: before.firstName,
    });
    expect(Date.parse(written.sourceUpdatedAt)).toBeGreaterThan(Date.parse(before.lastModified));
    expect(sim.member(50)).toMatchObject({
      membershipStatus: 'Utmeldt',
      roles: [
        { code: 'MEDLEM', name: 'Medlem' },
        { code: 'FRIVILLIG', name: 'Frivillig' },
        { code: 'KONTAKTPERSON', name: 'Kontaktperson' },
      ],
      mobile: '+4798765432',
      unit: { unitId: 'LL-4601', unitName: 'Bergen lokallag' },
      nationalIdentityNumber: before.nationalIdentityNumber,
      lastModified: written.sourceUpdatedAt,
    });

    // The write is itself a change, seen by the next delta from the time it returned.
    const page = await source().listMembersChangedSince(written.sourceUpdatedAt, null);
    expect(page.records.map(idOf)).toEqual(['CS-0000051']);
  });

  it('clears contact details and the affiliation with null', async () => {
    const written = member(await source().updateMember('CS-0000052', { email: null, phone: null, affiliation: null }));
    expect(written).toMatchObject({ email: null, phone: null, affiliation: null });
  });

  it('sends only the fields in the patch', async () => {
    const before = sim.member(53);
    await source().updateMember('CS-0000054', { status: 'deceased' });
    expect(sim.member(53)).toEqual({ ...before, membershipStatus: 'Død', lastModified: sim.member(53).lastModified });
  });

  it('returns a member Cornerstone holds in a form our model rejects as a rejected record', async () => {
    sim.setInvalidRecordRate(0.3);
    const invalid = [...Array(400).keys()].find((index) => sim.isInvalidRecord(`CS-${String(index + 1).padStart(7, '0')}`)) ?? -1;
    const externalId = `CS-${String(invalid + 1).padStart(7, '0')}`;
    await expect(source().updateMember(externalId, { email: null })).resolves.toMatchObject({ ok: false, externalId });
  });

  it('reports a member Cornerstone does not have as source_not_found for the org admin', async () => {
    const { removed } = sim.evolve({ removals: 1 });
    for (const externalId of ['CS-9999999', removed[0] ?? '']) {
      const error = await sourceError(source().updateMember(externalId, { status: 'active' }));
      expect(error.code).toBe('source_not_found');
      expect(error.actor).toBe('org_admin');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(externalId);
    }
  });

  it('reports a refused value as source_rejected_write, naming the field but not the value', async () => {
    const error = await sourceError(source().updateMember('CS-0000060', { affiliation: { unitId: 'CONSIO-77', unitName: 'Consio-lag' } }));
    expect(error.code).toBe('source_rejected_write');
    expect(error.actor).toBe('org_admin');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('local chapter');
    expect(error.message).not.toContain('CONSIO-77');
  });

  it('refuses a patch that changes nothing before sending it', async () => {
    const before = sim.stats.memberWriteRequests;
    await expect(source().updateMember('CS-0000061', {})).rejects.toThrow(RangeError);
    expect(sim.stats.memberWriteRequests).toBe(before);
  });

  it('logs in again once when the token is refused mid-write', async () => {
    const { username, password, clientId } = sim.credentials;
    const memberSource = source({ auth: userPasswordClientAuth({ username, password, clientId }) });
    await memberSource.updateMember('CS-0000062', { email: null });
    sim.revokeTokens();
    await expect(memberSource.updateMember('CS-0000062', { phone: null })).resolves.toMatchObject({ ok: true });
  });

  it('surfaces transient failures as retryable errors', async () => {
    sim.setTransientFailureRate(1);
    for (let i = 0; i < 6; i++) {
      const error = await sourceError(source().updateMember('CS-0000063', { email: null }));
      expect(['source_server_error', 'source_rate_limited', 'source_unreachable']).toContain(error.code);
      expect(error.retryable).toBe(true);
    }
  });

  it('reports the rate limit with its Retry-After', async () => {
    sim.setRateLimit({ requestsPerSecond: 1 });
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => source().listMembers(null)));
    const limited = outcomes.flatMap((outcome) => (outcome.status === 'rejected' && outcome.reason instanceof SourceError ? [outcome.reason] : []));
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((error) => error.code === 'source_rate_limited' && error.retryAfterSeconds === 1)).toBe(true);
  });
});
