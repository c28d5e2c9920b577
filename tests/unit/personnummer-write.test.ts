import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createConsioSource, type ConsioSourceConfig } from '../../backend/adapters/consio/client.ts';
import { apiKeyAuth } from '../../backend/adapters/cornerstone/auth.ts';
import { createCornerstoneSource, type CornerstoneSourceConfig } from '../../backend/adapters/cornerstone/client.ts';
import type { MemberPage, MemberSource, SourceError } from '../../backend/adapters/member-source.ts';
import { vendorExplanation } from '../../backend/adapters/shared/redaction.ts';
import type { CanonicalMember } from '../../shared/domain/member.ts';
import { startConsioSim, type ConsioSim } from '../../sim/consio/server.ts';
import { mulberry32 } from '../../sim/cornerstone/prng.ts';
import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { syntheticFodselsnummer } from '../../sim/shared/synthetic-fnr.ts';
import { call } from '../support/sim-call.ts';
import { sourceError } from '../support/source-error.ts';

/**
 * The adapters' personnummer write against both simulators over HTTP. The number may pass through
 * memory only: every failure here is also searched for it, in its message, its text and its causes.
 */

const memberCount = 300;

/** A synthetic fødselsnummer for an ISO birth date; another `seed`, another individual number. */
function numberFor(isoDate: string, seed: number): string {
  const [y = 0, m = 0, d = 0] = isoDate.split('-').map(Number);
  return syntheticFodselsnummer({ y, m, d }, mulberry32(seed));
}

/** A valid number for the same date that is not `held`. */
function anotherNumberFor(isoDate: string, held: string): string {
  for (let seed = 1; ; seed++) {
    const number = numberFor(isoDate, seed);
    if (number !== held) return number;
  }
}

function dayAfter(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The same number with its last control digit changed, so it no longer checks out. */
function withBrokenControlDigit(number: string): string {
  return `${number.slice(0, 10)}${(Number(number[10]) + 1) % 10}`;
}

/** Everything a caller could keep of an error: its text, its own fields, and its causes, all the way down. */
function keptTexts(error: unknown): string[] {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    texts.push(String(current), JSON.stringify(current) ?? '');
    if (!(current instanceof Error)) break;
    texts.push(current.message);
    current = current.cause;
  }
  return texts;
}

function expectNoNumber(error: SourceError, number: string): void {
  for (const text of keptTexts(error)) expect(text).not.toContain(number);
  // Not even spread out by separators.
  expect(error.message.replace(/\D/g, '')).not.toContain(number);
}

/**
 * For a refusal, whose text comes from the registry's validator: no eleven digits in a row at all.
 * Not asked of every failure: Consio's trace ids are random hex, which now and then has such a run.
 */
function expectNoElevenDigits(error: SourceError): void {
  for (const text of keptTexts(error)) expect(text).not.toMatch(/\d{11}/);
}

async function expectFailure(
  write: Promise<unknown>,
  number: string,
  expected: { code: SourceError['code']; retryable: boolean },
): Promise<SourceError> {
  const error = await sourceError(write);
  expect({ code: error.code, retryable: error.retryable }).toEqual(expected);
  expectNoNumber(error, number);
  return error;
}

function memberIn(page: MemberPage, externalId: string): CanonicalMember | undefined {
  return page.records.flatMap((record) => (record.ok ? [record.member] : [])).find((member) => member.externalId === externalId);
}

/** Hands out each member once, so one test's write does not meet another's. */
function memberPicker(holdsNumber: (index: number) => boolean): (withNumber: boolean) => number {
  const used = new Set<number>();
  return (withNumber) => {
    for (let index = 0; index < memberCount; index++) {
      if (!used.has(index) && holdsNumber(index) === withNumber) {
        used.add(index);
        return index;
      }
    }
    throw new Error('the register has no member left of that kind');
  };
}

describe('vendorExplanation', () => {
  const number = numberFor('1990-03-12', 1);
  const [datePart, individualPart] = [number.slice(0, 6), number.slice(6)];

  it('keeps what a volunteer can act on and removes every number that could be a personnummer', () => {
    expect(vendorExplanation(`'${number}' does not match the member's date of birth.`, number)).toBe(
      "'[number removed]' does not match the member's date of birth",
    );
    expect(vendorExplanation(`Refused ${datePart} ${individualPart}\n(also ${datePart}.${individualPart})`, number)).toBe(
      'Refused [number removed] (also [number removed])',
    );
    expect(vendorExplanation('Must be 11 digits.', number)).toBe('Must be 11 digits');
  });

  it('says nothing when the number still shows through its separators, or when nothing is left', () => {
    expect(vendorExplanation(`Refused ${datePart} - ${individualPart}`, number)).toBeNull();
    expect(vendorExplanation(`${number.split('').join('  ')}`, number)).toBeNull();
    expect(vendorExplanation(' \t. ', number)).toBeNull();
  });

  it('says nothing when it quotes a part of the number on its own: the individual number, or the birth date', () => {
    expect(vendorExplanation(`Individual number ${individualPart.slice(0, 3)}${individualPart.slice(3)} does not fit`, number)).toBeNull();
    expect(vendorExplanation(`Birth date ${datePart} is not the member's`, number)).toBeNull();
    expect(vendorExplanation('Born 1990, refused', number)).toBe('Born 1990, refused');
  });

  it('is cut to 200 characters after the numbers are removed, so a cut cannot leave part of one behind', () => {
    const explanation = vendorExplanation(`${'x'.repeat(195)} ${number} and more`, number) ?? '';
    expect(explanation).toHaveLength(200);
    expect(explanation).toMatch(/^x{195} \[nu…$/);
  });
});

const CornerstoneEvent = z.object({
  type: z.string(),
  memberId: z.string(),
  member: z.looseObject({ nationalIdentityNumber: z.string().nullable(), lastModified: z.string() }).optional(),
});

describe('Cornerstone: writePersonnummer', () => {
  let sim: CornerstoneSim;
  let receiver: Server;
  const events: z.infer<typeof CornerstoneEvent>[] = [];
  let pick: (withNumber: boolean) => number;

  beforeAll(async () => {
    sim = await startCornerstoneSim({ memberCount, seed: 21, webhooks: { retryDelaysMs: [] } });
    pick = memberPicker((index) => sim.member(index).nationalIdentityNumber !== null);
    receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        events.push(CornerstoneEvent.parse(JSON.parse(body)));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    sim.configureWebhooks({ url: `http://127.0.0.1:${port}/hook`, secret: 'whsec_personnummer_write_test' });
  });
  afterAll(async () => {
    await sim.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });
  afterEach(() => {
    sim.resetFaults();
  });

  function source(config: Partial<CornerstoneSourceConfig> = {}): MemberSource {
    return createCornerstoneSource({
      baseUrl: sim.url,
      auth: apiKeyAuth(sim.credentials.apiKey),
      allowLoopbackHttp: true,
      pageSize: 1000,
      ...config,
    });
  }

  function put(memberId: string, body: unknown, method = 'PUT'): ReturnType<typeof call> {
    return call(sim, `/api/v1/members/${memberId}/national-identity-number`, {
      method,
      headers: { 'X-Api-Key': sim.credentials.apiKey, 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  it('writes the number to a member who has none in one PUT; both listings then show a personnummer', async () => {
    const index = pick(false);
    const before = sim.member(index);
    const number = numberFor(before.birthDate, 1);
    const stats = sim.stats;
    const published = sim.webhookStats.published;
    const since = new Date(Date.now() - 1).toISOString();

    const written = await source().writePersonnummer(before.memberId, number);

    const after = sim.member(index);
    expect(written).toEqual({ outcome: 'written', sourceUpdatedAt: after.lastModified });
    expect(after).toEqual({ ...before, nationalIdentityNumber: number, lastModified: after.lastModified });
    expect(Date.parse(after.lastModified)).toBeGreaterThan(Date.parse(before.lastModified));
    expect(sim.stats).toMatchObject({
      requests: stats.requests + 1,
      nationalIdentityNumberWrites: stats.nationalIdentityNumberWrites + 1,
      memberReadRequests: stats.memberReadRequests,
      memberWriteRequests: stats.memberWriteRequests,
    });

    const full = await source().listMembers(null);
    expect(full.nextCursor).toBeNull();
    expect(memberIn(full, before.memberId)).toMatchObject({ hasPersonnummer: true, sourceUpdatedAt: after.lastModified });
    const delta = await source().listMembersChangedSince(since, null);
    expect(memberIn(delta, before.memberId)).toMatchObject({ hasPersonnummer: true, sourceUpdatedAt: after.lastModified });

    // A Cornerstone change like any other: one member.updated event with the record as it now is.
    await sim.flushWebhooks();
    expect(sim.webhookStats.published).toBe(published + 1);
    expect(events.filter((event) => event.memberId === before.memberId)).toEqual([
      expect.objectContaining({ type: 'member.updated', member: expect.objectContaining({ nationalIdentityNumber: number }) }),
    ]);
  });

  it('answers a repeat of the same number as written, changing nothing and sending no event', async () => {
    const index = pick(false);
    const { memberId, birthDate } = sim.member(index);
    const number = numberFor(birthDate, 2);
    const first = await source().writePersonnummer(memberId, number);
    const held = sim.member(index);
    const published = sim.webhookStats.published;

    expect(await source().writePersonnummer(memberId, number)).toEqual(first);
    expect(sim.member(index)).toEqual(held);
    expect(sim.webhookStats.published).toBe(published);
  });

  it('never overwrites: a member who holds another number comes back as already_held, unchanged', async () => {
    const index = pick(true);
    const before = sim.member(index);
    const published = sim.webhookStats.published;
    const other = anotherNumberFor(before.birthDate, before.nationalIdentityNumber ?? '');

    expect(await source().writePersonnummer(before.memberId, other)).toEqual({ outcome: 'already_held' });
    expect(sim.member(index)).toEqual(before);
    expect(sim.webhookStats.published).toBe(published);
  });

  it('reports a number that does not fit the birth date as a refused write, naming neither the number nor any like it', async () => {
    const index = pick(false);
    const before = sim.member(index);
    const number = numberFor(dayAfter(before.birthDate), 3);

    const error = await expectFailure(source().writePersonnummer(before.memberId, number), number, {
      code: 'source_rejected_write',
      retryable: false,
    });
    expectNoElevenDigits(error);
    expect(error.actor).toBe('org_admin');
    expect(error.message).toContain(before.memberId);
    expect(error.message).toContain('date of birth');
    expect(error.cause).toBeUndefined();
    expect(sim.member(index)).toEqual(before);
  });

  it('refuses a number that is not a valid personnummer before anything is sent', async () => {
    const { memberId, birthDate } = sim.member(pick(false));
    const broken = withBrokenControlDigit(numberFor(birthDate, 4));
    const requests = sim.stats.requests;

    const error = await expectFailure(source().writePersonnummer(memberId, broken), broken, { code: 'source_rejected_write', retryable: false });
    expectNoElevenDigits(error);
    expect(error.actor).toBe('operator');
    await expectFailure(source().writePersonnummer(memberId, '123'), '123', { code: 'source_rejected_write', retryable: false });
    expect(sim.stats.requests).toBe(requests);
  });

  it('fails as the other writes do: 5xx, 429 and a timeout are retryable; an unknown member is not', async () => {
    const { memberId, birthDate } = sim.member(pick(false));
    const number = numberFor(birthDate, 5);

    sim.failNext(1, 503);
    await expectFailure(source().writePersonnummer(memberId, number), number, { code: 'source_server_error', retryable: true });
    sim.failNext(1, 429, { retryAfterSeconds: 7 });
    const limited = await expectFailure(source().writePersonnummer(memberId, number), number, { code: 'source_rate_limited', retryable: true });
    expect(limited.retryAfterSeconds).toBe(7);

    const unknown = numberFor('1980-05-17', 6);
    await expectFailure(source().writePersonnummer('CS-0999999', unknown), unknown, { code: 'source_not_found', retryable: false });

    sim.setLatency(500);
    await expectFailure(source({ timeoutMs: 100 }).writePersonnummer(memberId, number), number, { code: 'source_timeout', retryable: true });
  });

  it('never repeats the number in its answers, and validates the body strictly', async () => {
    const index = pick(false);
    const { memberId, birthDate } = sim.member(index);
    const number = numberFor(birthDate, 7);
    const wrongDate = numberFor(dayAfter(birthDate), 7);

    const refused = await put(memberId, { nationalIdentityNumber: wrongDate });
    expect(refused).toMatchObject({ status: 422, body: { error: 'validation_failed', fields: ['nationalIdentityNumber'] } });
    expect(JSON.stringify(refused.body)).not.toContain(wrongDate);
    const written = await put(memberId, { nationalIdentityNumber: number });
    expect(written).toMatchObject({ status: 200, body: { memberId, hasNationalIdentityNumber: true, lastModified: sim.member(index).lastModified } });
    expect(Object.keys(written.body as object).sort()).toEqual(['hasNationalIdentityNumber', 'lastModified', 'memberId']);
    const conflict = await put(memberId, { nationalIdentityNumber: anotherNumberFor(birthDate, number) });
    expect(conflict).toMatchObject({ status: 409, body: { error: 'already_set' } });
    expect(JSON.stringify(conflict.body)).not.toMatch(/\d{11}/);

    const freshIndex = pick(false);
    const fresh = sim.member(freshIndex);
    const valid = numberFor(fresh.birthDate, 8);
    for (const value of ['123', '1234567890a', withBrokenControlDigit(valid), '99999999999']) {
      const answer = await put(fresh.memberId, { nationalIdentityNumber: value });
      expect(answer, value).toMatchObject({ status: 422, body: { error: 'validation_failed', fields: ['nationalIdentityNumber'] } });
      expect(JSON.stringify(answer.body)).not.toContain(value);
    }
    expect(await put(fresh.memberId, { nationalIdentityNumber: valid, email: 'x@example.org' })).toMatchObject({
      status: 422,
      body: { fields: ['email'] },
    });
    expect(await put(fresh.memberId, { nationalIdentityNumber: Number(valid) })).toMatchObject({ status: 422 });
    expect(await put(fresh.memberId, 'not json')).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await put(fresh.memberId, { nationalIdentityNumber: valid, padding: 'x'.repeat(2_000) })).toMatchObject({ status: 413 });
    expect(await put('CS-0999999', { nationalIdentityNumber: valid })).toMatchObject({ status: 404 });
    const patch = await put(fresh.memberId, { nationalIdentityNumber: valid }, 'PATCH');
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('PUT');
    expect(sim.member(freshIndex).nationalIdentityNumber).toBeNull();
    expect(await call(sim, `/api/v1/members/${fresh.memberId}/national-identity-number`, { method: 'PUT' })).toMatchObject({ status: 401 });
  });

  // Last: the connections the simulator cuts may still sit in the client's pool for the next request.
  it('reports a Cornerstone that is down as a retryable source_unreachable', async () => {
    const index = pick(false);
    const { memberId, birthDate } = sim.member(index);
    const number = numberFor(birthDate, 9);
    sim.setDown(true);
    await expectFailure(source().writePersonnummer(memberId, number), number, { code: 'source_unreachable', retryable: true });
    expect(sim.member(index).nationalIdentityNumber).toBeNull();
  });
});

describe('Consio: writePersonnummer', () => {
  let sim: ConsioSim;
  let pick: (withNumber: boolean) => number;

  beforeAll(async () => {
    sim = await startConsioSim({ memberCount, seed: 22 });
    pick = memberPicker((index) => sim.member(index).ssn !== null);
  });
  afterAll(async () => {
    await sim.close();
  });
  afterEach(() => {
    sim.resetFaults();
  });

  function source(config: Partial<ConsioSourceConfig> = {}): MemberSource {
    return createConsioSource({ baseUrl: sim.url, auth: { ...sim.credentials }, allowLoopbackHttp: true, pageSize: 1000, ...config });
  }

  /** Consio's `dd.MM.yyyy` as ISO. */
  function isoBirthDate(index: number): string {
    const [d, m, y] = sim.member(index).dateOfBirth.split('.');
    return `${y}-${m}-${d}`;
  }

  async function bearer(): Promise<Record<string, string>> {
    const { clientId, clientSecret } = sim.credentials;
    const answer = await call(sim, '/OpenIdserver/connect/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
    });
    return { Authorization: `Bearer ${z.object({ access_token: z.string() }).parse(answer.body).access_token}` };
  }

  async function put(
    actNo: number | string,
    body: unknown,
    headers: Record<string, string> = { 'Content-Type': 'application/json' },
  ): ReturnType<typeof call> {
    return call(sim, `/api/v2/members/${actNo}/ssn`, {
      method: 'PUT',
      headers: { ...(await bearer()), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  it('writes the number to a member who has none in one PUT; both listings then show a personnummer', async () => {
    const index = pick(false);
    const before = sim.member(index);
    const number = numberFor(isoBirthDate(index), 1);
    const memberSource = source();
    // Logged in first, so the write's requests can be counted alone.
    await memberSource.listMembers(null);
    const stats = sim.stats;
    const since = new Date(Date.now() - 1).toISOString();

    const written = await memberSource.writePersonnummer(String(before.actNo), number);

    const after = sim.member(index);
    expect(written).toEqual({ outcome: 'written', sourceUpdatedAt: after.changedTime });
    expect(after).toEqual({ ...before, ssn: number, changedTime: after.changedTime });
    expect(Date.parse(after.changedTime)).toBeGreaterThan(Date.parse(before.changedTime));
    expect(sim.stats).toMatchObject({
      requests: stats.requests + 1,
      ssnWrites: stats.ssnWrites + 1,
      memberReadRequests: stats.memberReadRequests,
      memberWrites: stats.memberWrites,
    });

    const full = await memberSource.listMembers(null);
    expect(full.nextCursor).toBeNull();
    expect(memberIn(full, String(before.actNo))).toMatchObject({ hasPersonnummer: true, sourceUpdatedAt: after.changedTime });
    const delta = await memberSource.listMembersChangedSince(since, null);
    expect(memberIn(delta, String(before.actNo))).toMatchObject({ hasPersonnummer: true, sourceUpdatedAt: after.changedTime });
  });

  it('answers a repeat of the same number as written, changing nothing', async () => {
    const index = pick(false);
    const actNo = String(sim.member(index).actNo);
    const number = numberFor(isoBirthDate(index), 2);
    const first = await source().writePersonnummer(actNo, number);
    const held = sim.member(index);

    expect(await source().writePersonnummer(actNo, number)).toEqual(first);
    expect(sim.member(index)).toEqual(held);
  });

  it('never overwrites: a member who holds another number comes back as already_held, unchanged', async () => {
    const index = pick(true);
    const before = sim.member(index);
    const other = anotherNumberFor(isoBirthDate(index), before.ssn ?? '');

    expect(await source().writePersonnummer(String(before.actNo), other)).toEqual({ outcome: 'already_held' });
    expect(sim.member(index)).toEqual(before);
  });

  it("reports a number that does not fit the birth date as a refused write, quoting Consio's reason but not its copy of the number", async () => {
    const index = pick(false);
    const before = sim.member(index);
    const number = numberFor(dayAfter(isoBirthDate(index)), 3);

    // Consio's own answer does quote the value, so the adapter has something to keep out.
    const raw = await put(before.actNo, { ssn: number });
    expect(raw.status).toBe(422);
    expect(JSON.stringify(raw.body)).toContain(`'${number}' does not match the member's date of birth.`);

    const error = await expectFailure(source().writePersonnummer(String(before.actNo), number), number, {
      code: 'source_rejected_write',
      retryable: false,
    });
    expectNoElevenDigits(error);
    expect(error.actor).toBe('org_admin');
    expect(error.message).toContain(`member ${before.actNo}`);
    expect(error.message).toContain("does not match the member's date of birth");
    expect(error.message).toContain('[number removed]');
    expect(error.cause).toBeUndefined();
    expect(sim.member(index)).toEqual(before);
  });

  it('refuses a number that is not a valid personnummer before anything is sent', async () => {
    const index = pick(false);
    const broken = withBrokenControlDigit(numberFor(isoBirthDate(index), 4));
    const requests = sim.stats.requests;

    const error = await expectFailure(source().writePersonnummer(String(sim.member(index).actNo), broken), broken, {
      code: 'source_rejected_write',
      retryable: false,
    });
    expectNoElevenDigits(error);
    expect(error.actor).toBe('operator');
    expect(sim.stats.requests).toBe(requests);
  });

  it('fails as the other writes do: 5xx, 429 and a timeout are retryable; an unknown member is not', async () => {
    const index = pick(false);
    const actNo = String(sim.member(index).actNo);
    const number = numberFor(isoBirthDate(index), 5);
    const memberSource = source();

    sim.failNext(1, 503);
    await expectFailure(memberSource.writePersonnummer(actNo, number), number, { code: 'source_server_error', retryable: true });
    sim.failNext(1, 429, { retryAfterSeconds: 7, retryAfterFormat: 'seconds' });
    const limited = await expectFailure(memberSource.writePersonnummer(actNo, number), number, { code: 'source_rate_limited', retryable: true });
    expect(limited.retryAfterSeconds).toBe(7);

    const unknown = numberFor('1980-05-17', 6);
    await expectFailure(memberSource.writePersonnummer('999999', unknown), unknown, { code: 'source_not_found', retryable: false });

    sim.setLatency(500);
    await expectFailure(source({ timeoutMs: 100 }).writePersonnummer(actNo, number), number, { code: 'source_timeout', retryable: true });
    sim.setLatency(0);

    // A token Consio no longer accepts: one fresh login, and the PUT goes through.
    sim.revokeTokens();
    await expect(memberSource.writePersonnummer(actNo, number)).resolves.toMatchObject({ outcome: 'written' });
    expect(sim.member(index).ssn).toBe(number);
  });

  it('answers in Consio’s style: the member with its ssn, a 409 problem for another number, 422 for a bad value', async () => {
    const index = pick(false);
    const { actNo } = sim.member(index);
    const number = numberFor(isoBirthDate(index), 7);

    const written = await put(actNo, { ssn: number });
    expect(written).toMatchObject({ status: 200, body: { actNo, ssn: number, changedTime: sim.member(index).changedTime } });
    const conflict = await put(actNo, { ssn: anotherNumberFor(isoBirthDate(index), number) });
    expect(conflict).toMatchObject({ status: 409, body: { status: 409, title: expect.any(String), traceId: expect.any(String) } });
    expect(conflict.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // Its traceId is random hex, so this looks for the numbers themselves.
    expect(JSON.stringify(conflict.body)).not.toContain(number);

    const fresh = pick(false);
    const freshActNo = sim.member(fresh).actNo;
    const valid = numberFor(isoBirthDate(fresh), 8);
    for (const value of ['123', withBrokenControlDigit(valid), '99999999999']) {
      const answer = await put(freshActNo, { ssn: value });
      expect(answer, value).toMatchObject({ status: 422, body: { errors: { ssn: [expect.stringContaining(`'${value}'`)] } } });
    }
    expect(await put(freshActNo, { ssn: valid, emailAddress: 'x@example.org' })).toMatchObject({
      status: 422,
      body: { errors: { emailAddress: [expect.any(String)] } },
    });
    expect(await put(freshActNo, { ssn: Number(valid) })).toMatchObject({ status: 422, body: { errors: { ssn: [expect.any(String)] } } });
    expect(await put(freshActNo, '[1]')).toMatchObject({ status: 400 });
    expect(await put(freshActNo, { ssn: valid }, { 'Content-Type': 'text/plain' })).toMatchObject({ status: 415 });
    expect(await put(freshActNo, { ssn: valid, padding: 'x'.repeat(2_000) })).toMatchObject({ status: 413 });
    expect(await put(999_999, { ssn: valid })).toMatchObject({ status: 404 });
    const patch = await call(sim, `/api/v2/members/${freshActNo}/ssn`, { method: 'PATCH', headers: await bearer() });
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('PUT');
    expect(sim.member(fresh).ssn).toBeNull();
  });

  // Last: the connections the simulator cuts may still sit in the client's pool for the next request.
  it('reports a Consio that is down as a retryable source_unreachable', async () => {
    const index = pick(false);
    const number = numberFor(isoBirthDate(index), 9);
    const memberSource = source();
    await memberSource.listMembers(null);
    sim.setDown(true);
    await expectFailure(memberSource.writePersonnummer(String(sim.member(index).actNo), number), number, {
      code: 'source_unreachable',
      retryable: true,
    });
    expect(sim.member(index).ssn).toBeNull();
  });
});
