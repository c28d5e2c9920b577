import { z } from 'zod';
import { isValidFodselsnummer } from '../../../shared/domain/fodselsnummer.ts';
import { MemberPatch } from '../../../shared/domain/member-patch.ts';
import {
  SourceError,
  type ConnectionCheck,
  type MemberPage,
  type MemberSource,
  type PersonnummerWrite,
  type SourceRecord,
} from '../member-source.ts';
import { endpoint, parseBaseUrl } from '../shared/base-url.ts';
import { withDeadline } from '../shared/deadline.ts';
import { jsonOf, requestVendor, type VendorRequest, type VendorResponse } from '../shared/http-exchange.ts';
import { checkedPersonnummer, personnummerRefusedFailure, writtenAt } from '../shared/personnummer-write.ts';
import { clientCredentialsAuth, type ConsioClientCredentials } from './auth.ts';
import { failureForStatus, parseProblem, vendorFormatFailure } from './errors.ts';
import { mapConsioRecord } from './mapping.ts';
import { ConsioMemberPage, ConsioMemberRecord, ConsioOrganization } from './schema.ts';
import { consio } from './vendor.ts';
import { consioMemberWrite, refusedFields } from './write.ts';

export interface ConsioSourceConfig {
  /** The organisation's Consio address, e.g. `https://example.consio.no`; the OpenID server is under it. */
  baseUrl: string;
  /** Plain http to 127.0.0.1/localhost, for a host that runs the simulator itself. Off by default. */
  allowLoopbackHttp?: boolean;
  auth: ConsioClientCredentials;
  /** Members per page, 1–1000 (Consio's maximum). Default 1000. */
  pageSize?: number;
  /** Per request, including any login it needs. Default 15 000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const maxPageSize = 1000;
const membersPath = '/api/v2/members';

function checkedPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    throw new RangeError(`pageSize must be a whole number from 1 to ${maxPageSize}, got ${pageSize}`);
  }
  return pageSize;
}

/** Cursors are Consio's own, passed through; only this adapter hands them out, so a bad one is a bug. */
function checkedCursor(cursor: string | null): string | null {
  if (cursor !== null && !/^[\x21-\x7e]{1,2000}$/.test(cursor)) throw new RangeError('Not a Consio listing cursor');
  return cursor;
}

const Instant = z.iso.datetime({ offset: true });

/**
 * Consio's member number for one of our external ids. Anything else cannot be a Consio member; the
 * id is not repeated in the message, in case it is a personnummer that reached us by mistake.
 */
function actNoOf(externalId: string): string {
  if (!/^[1-9]\d{0,14}$/.test(externalId) || (externalId.length === 11 && isValidFodselsnummer(externalId))) {
    throw new SourceError('source_not_found', 'The member id is not a Consio member number, so the change cannot be written to Consio.', {
      actor: 'operator',
      retryable: false,
    });
  }
  return externalId;
}

export function createConsioSource(config: ConsioSourceConfig): MemberSource {
  const baseUrl = parseBaseUrl(consio, config.baseUrl, { allowLoopbackHttp: config.allowLoopbackHttp === true });
  const pageSize = checkedPageSize(config.pageSize ?? 1000);
  const timeoutMs = config.timeoutMs ?? 15_000;
  const fetchFn = config.fetch ?? fetch;
  const auth = clientCredentialsAuth(config.auth);

  /** One authenticated exchange, logging in again once if the cached token was refused. */
  async function exchange(
    request: Omit<VendorRequest, 'headers'> & { headers?: Record<string, string> },
    signal: AbortSignal | undefined,
  ): Promise<VendorResponse> {
    for (let attempt = 1; ; attempt++) {
      const response = await withDeadline(consio, timeoutMs, signal, async (deadline) => {
        const authorization = await auth.headers(fetchFn, baseUrl, deadline);
        return requestVendor(consio, fetchFn, { ...request, headers: { ...request.headers, ...authorization } }, deadline);
      });
      // A revoked or expired token: one fresh login. A second 401 means the client itself is refused.
      if (response.status === 401 && attempt === 1) {
        auth.invalidate();
        continue;
      }
      return response;
    }
  }

  async function getJson(path: string, query: Record<string, string>, signal: AbortSignal | undefined): Promise<unknown> {
    const response = await exchange({ method: 'GET', url: endpoint(baseUrl, path, query) }, signal);
    const failure = failureForStatus(response.status, response.headers, jsonOf(response));
    if (failure) throw failure;
    if (response.body.kind !== 'json') throw vendorFormatFailure(`${path} did not return JSON`);
    return response.body.value;
  }

  async function getPage(query: Record<string, string>, cursor: string | null, signal: AbortSignal | undefined): Promise<MemberPage> {
    const body = await getJson(membersPath, cursor === null ? query : { ...query, after: cursor }, signal);
    const parsed = ConsioMemberPage.safeParse(body);
    if (!parsed.success) throw vendorFormatFailure('the member list is not in the expected { items, nextCursor, totalCount } format');
    const { items, nextCursor, totalCount } = parsed.data;
    // A cursor that does not move would loop the sync forever.
    if (nextCursor !== null && nextCursor === cursor) throw vendorFormatFailure('the member list sent the same page cursor again');
    return {
      records: items.map(mapConsioRecord),
      // An empty page ends the listing whatever the cursor says: a stale cursor must not walk empty pages.
      nextCursor: items.length > 0 ? nextCursor : null,
      total: totalCount,
    };
  }

  /** What Consio holds for a member now, for the function ids a roles write must keep. */
  async function currentFunctionIds(actNo: string, signal: AbortSignal | undefined): Promise<number[]> {
    const response = await exchange({ method: 'GET', url: endpoint(baseUrl, `${membersPath}/${actNo}`) }, signal);
    if (response.status === 404) throw memberNotFound(actNo);
    const failure = failureForStatus(response.status, response.headers, jsonOf(response));
    if (failure) throw failure;
    const member = ConsioMemberRecord.pick({ functions: true }).safeParse(jsonOf(response));
    if (!member.success) throw vendorFormatFailure("the member's functions are not in the expected format");
    return (member.data.functions ?? []).map((fn) => fn.functionId);
  }

  return {
    system: 'consio',

    async testConnection(signal?: AbortSignal): Promise<ConnectionCheck> {
      const organization = ConsioOrganization.safeParse(await getJson('/api/v2/organization', {}, signal));
      if (!organization.success) throw vendorFormatFailure('the organization details are not in the expected format');
      const firstPage = await getPage({ limit: '1' }, null, signal);
      return {
        organizationName: organization.data.name,
        memberCount: firstPage.total,
        webhooksAvailable: organization.data.features?.webhooks === true,
      };
    },

    async listMembers(cursor: string | null, signal?: AbortSignal): Promise<MemberPage> {
      return getPage({ limit: String(pageSize) }, checkedCursor(cursor), signal);
    },

    async listMembersChangedSince(since: string, cursor: string | null, signal?: AbortSignal): Promise<MemberPage> {
      if (!Instant.safeParse(since).success) throw new RangeError('since must be an ISO 8601 date and time with an offset');
      // Consio's own form (UTC, Z); the same instant whatever offset the caller used.
      const changedSince = new Date(since).toISOString();
      return getPage({ limit: String(pageSize), changedSince }, checkedCursor(cursor), signal);
    },

    async updateMember(externalId: string, patch: MemberPatch, signal?: AbortSignal): Promise<SourceRecord> {
      const actNo = actNoOf(externalId);
      const checked = MemberPatch.safeParse(patch);
      if (!checked.success) {
        throw new SourceError('source_rejected_write', 'The app tried to write an invalid change to Consio; report it to the app\u2019s operator.', {
          actor: 'operator',
          retryable: false,
        });
      }
      const keep = checked.data.roles === undefined ? [] : await currentFunctionIds(actNo, signal);
      const response = await exchange(
        {
          method: 'PATCH',
          url: endpoint(baseUrl, `${membersPath}/${actNo}`),
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(consioMemberWrite(checked.data, keep)),
        },
        signal,
      );
      if (response.status === 404) throw memberNotFound(actNo);
      if (response.status === 422) throw writeRefused(actNo, jsonOf(response));
      const failure = failureForStatus(response.status, response.headers, jsonOf(response));
      if (failure) throw failure;
      if (response.body.kind !== 'json') throw vendorFormatFailure('the answer to a member change was not JSON');
      return mapConsioRecord(response.body.value);
    },

    async writePersonnummer(externalId: string, personnummer: string, signal?: AbortSignal): Promise<PersonnummerWrite> {
      const actNo = actNoOf(externalId);
      const number = checkedPersonnummer(consio, personnummer);
      const response = await exchange(
        {
          method: 'PUT',
          url: endpoint(baseUrl, `${membersPath}/${actNo}/ssn`),
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ssn: number }),
        },
        signal,
      );
      if (response.status === 404) throw memberNotFound(actNo);
      // Consio never replaces a number through the API: another one is held.
      if (response.status === 409) return { outcome: 'already_held' };
      if (response.status === 422) throw personnummerRefusedFailure(consio, `member ${actNo}`, validationText(jsonOf(response)), number);
      const failure = failureForStatus(response.status, response.headers, jsonOf(response));
      if (failure) throw failure;

      // Only what proves the write is read from the member Consio answers with; the rest is left unread.
      const member = SsnWritten.safeParse(jsonOf(response));
      if (!member.success) throw vendorFormatFailure('the answer to a personnummer write is not a member');
      if (String(member.data.actNo) !== actNo) throw vendorFormatFailure('the answer to a personnummer write was not that member');
      if (member.data.ssn?.replace(/[\s-]/g, '') !== number) {
        throw vendorFormatFailure('the answer to a personnummer write does not hold the number that was sent');
      }
      // A repeat of the number the member holds is answered 200 as well, with changedTime unchanged.
      return { outcome: 'written', sourceUpdatedAt: writtenAt(consio, member.data.changedTime.trim()) };
    },
  };
}

function memberNotFound(actNo: string): SourceError {
  return new SourceError(
    'source_not_found',
    `Consio has no member ${actNo}; the member may have been deleted in Consio. The next full sync brings the app up to date.`,
    { actor: 'org_admin', retryable: false },
  );
}

const SsnWritten = ConsioMemberRecord.pick({ actNo: true, ssn: true, changedTime: true });

/**
 * Every message of a validation problem, as one text. Consio's validators quote the value they
 * refused, so this is raw vendor text: it reaches a message only through `personnummerRefusedFailure`.
 */
function validationText(body: unknown): string | null {
  const messages = Object.values(parseProblem(body)?.errors ?? {}).flatMap((value) =>
    Array.isArray(value) ? value.filter((message): message is string => typeof message === 'string') : [],
  );
  return messages.length === 0 ? null : messages.join(' ');
}

function writeRefused(actNo: string, body: unknown): SourceError {
  const fields = refusedFields(body);
  const which = fields.length === 0 ? 'the change' : `the new ${fields.join(', ')}`;
  return new SourceError(
    'source_rejected_write',
    `Consio did not accept ${which} for member ${actNo}. Correct the value in the app or in Consio, then sync again.`,
    { actor: 'org_admin', retryable: false },
  );
}
