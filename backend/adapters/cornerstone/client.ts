import { z } from 'zod';
import { MemberPatch } from '../../../shared/domain/member-patch.ts';
import type { ConnectionCheck, MemberPage, MemberSource, PersonnummerWrite, SourceRecord } from '../member-source.ts';
import { endpoint, parseBaseUrl } from '../shared/base-url.ts';
import { withDeadline } from '../shared/deadline.ts';
import { jsonOf, requestVendor, type VendorRequest, type VendorResponse } from '../shared/http-exchange.ts';
import { checkedPersonnummer, writtenAt } from '../shared/personnummer-write.ts';
import type { CornerstoneAuth } from './auth.ts';
import { failureForStatus, failureForWrite, personnummerRefused, vendorFormatFailure } from './errors.ts';
import { mapCornerstoneRecord } from './mapping.ts';
import { CornerstoneMemberPage, CornerstoneNationalIdentityNumberWritten, CornerstoneOrganization } from './schema.ts';
import { cornerstoneWriteFor } from './write-mapping.ts';
import { cornerstone } from './vendor.ts';

export interface CornerstoneSourceConfig {
  /** The organization's Cornerstone API address, e.g. `https://example.cornerstone.no`. */
  baseUrl: string;
  /** Plain http to 127.0.0.1/localhost, for a host that runs the simulator itself. Off by default. */
  allowLoopbackHttp?: boolean;
  auth: CornerstoneAuth;
  /** Members per page, 1–1000 (Cornerstone's maximum). Default 500. */
  pageSize?: number;
  /** Per request, including any login it needs. Default 15 000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const maxPageSize = 1000;

function checkedPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    throw new RangeError(`pageSize must be a whole number from 1 to ${maxPageSize}, got ${pageSize}`);
  }
  return pageSize;
}

/** The cursor is the 1-based page number; only this adapter writes it, so a bad one is a bug. */
function pageFromCursor(cursor: string | null): number {
  if (cursor === null) return 1;
  if (!/^[1-9]\d{0,8}$/.test(cursor)) throw new RangeError(`Not a Cornerstone page cursor: ${JSON.stringify(cursor)}`);
  return Number(cursor);
}

const ChangedSince = z.iso.datetime({ offset: true });

/** The engine passes the time it last synced; a time without an offset would mean different instants to us and to Cornerstone. */
function checkedSince(since: string): string {
  if (!ChangedSince.safeParse(since).success) throw new RangeError('since must be an ISO 8601 time with an offset');
  return since;
}

function checkedPatch(patch: MemberPatch): MemberPatch {
  const parsed = MemberPatch.safeParse(patch);
  if (!parsed.success) throw new RangeError(`Not a member patch: ${parsed.error.issues.map((issue) => issue.path.join('.') || 'patch').join(', ')}`);
  return parsed.data;
}

function checkedExternalId(externalId: string): string {
  if (externalId.length === 0 || externalId.length > 100) throw new RangeError('A Cornerstone member id is 1 to 100 characters');
  return externalId;
}

export function createCornerstoneSource(config: CornerstoneSourceConfig): MemberSource {
  const baseUrl = parseBaseUrl(cornerstone, config.baseUrl, { allowLoopbackHttp: config.allowLoopbackHttp === true });
  const pageSize = checkedPageSize(config.pageSize ?? 500);
  const timeoutMs = config.timeoutMs ?? 15_000;
  const fetchFn = config.fetch ?? fetch;
  const { auth } = config;

  /** One request with credentials, logging in again once if a cached token was refused. */
  async function send(request: Omit<VendorRequest, 'headers'>, signal: AbortSignal | undefined): Promise<VendorResponse> {
    const contentType: Record<string, string> = request.body === undefined ? {} : { 'Content-Type': 'application/json' };
    for (let attempt = 1; ; attempt++) {
      const response = await withDeadline(cornerstone, timeoutMs, signal, async (deadline) => {
        const headers = { ...(await auth.headers(fetchFn, baseUrl, deadline)), ...contentType };
        return requestVendor(cornerstone, fetchFn, { ...request, headers }, deadline);
      });
      if (response.status === 401 && auth.refreshable && attempt === 1) {
        auth.invalidate();
        continue;
      }
      return response;
    }
  }

  /** GET a JSON document. */
  async function getJson(path: string, query: Record<string, string>, signal: AbortSignal | undefined): Promise<unknown> {
    const response = await send({ method: 'GET', url: endpoint(baseUrl, path, query) }, signal);
    const failure = failureForStatus(response.status, response.headers, auth.rejectionMessage);
    if (failure) throw failure;
    if (response.body.kind !== 'json') throw vendorFormatFailure(`${path} did not return JSON`);
    return response.body.value;
  }

  async function getPage(
    page: number,
    size: number,
    signal: AbortSignal | undefined,
    filter: Record<string, string> = {},
  ): Promise<CornerstoneMemberPage> {
    const body = await getJson('/api/v1/members', { ...filter, page: String(page), pageSize: String(size) }, signal);
    const parsed = CornerstoneMemberPage.safeParse(body);
    if (!parsed.success) throw vendorFormatFailure('the member list is not in the expected { data, meta } format');
    if (parsed.data.meta.page !== page) {
      throw vendorFormatFailure(`asked for page ${page} of the member list, got page ${parsed.data.meta.page}`);
    }
    return parsed.data;
  }

  return {
    system: 'cornerstone',

    async testConnection(signal?: AbortSignal): Promise<ConnectionCheck> {
      const organization = CornerstoneOrganization.safeParse(await getJson('/api/v1/organization', {}, signal));
      if (!organization.success) throw vendorFormatFailure('the organization details are not in the expected format');
      const firstPage = await getPage(1, 1, signal);
      // Cornerstone can push signed change events (see webhook.ts) unless the organization's plan has
      // none; the engine still polls as a safety net.
      return {
        organizationName: organization.data.name,
        memberCount: firstPage.meta.totalCount,
        webhooksAvailable: organization.data.features?.webhooks !== false,
      };
    },

    async listMembers(cursor: string | null, signal?: AbortSignal): Promise<MemberPage> {
      return memberPage(await getPage(pageFromCursor(cursor), pageSize, signal));
    },

    async listMembersChangedSince(since: string, cursor: string | null, signal?: AbortSignal): Promise<MemberPage> {
      const filter = { updatedSince: checkedSince(since) };
      return memberPage(await getPage(pageFromCursor(cursor), pageSize, signal, filter));
    },

    async updateMember(externalId: string, patch: MemberPatch, signal?: AbortSignal): Promise<SourceRecord> {
      const body = JSON.stringify(cornerstoneWriteFor(checkedPatch(patch)));
      const url = endpoint(baseUrl, `/api/v1/members/${encodeURIComponent(checkedExternalId(externalId))}`);
      const response = await send({ method: 'PATCH', url, body }, signal);
      const answer = response.body.kind === 'json' ? response.body.value : undefined;
      const failure = failureForWrite(response.status, response.headers, answer, auth.rejectionMessage, externalId);
      if (failure) throw failure;
      if (answer === undefined) throw vendorFormatFailure('the answer to a member update was not JSON');

      const record = mapCornerstoneRecord(answer);
      // A record for someone else would be written over the wrong member.
      const answeredFor = record.ok ? record.member.externalId : record.externalId;
      if (answeredFor !== externalId) throw vendorFormatFailure('the answer to a member update was not that member');
      return record;
    },

    async writePersonnummer(externalId: string, personnummer: string, signal?: AbortSignal): Promise<PersonnummerWrite> {
      const number = checkedPersonnummer(cornerstone, personnummer);
      const memberPath = `/api/v1/members/${encodeURIComponent(checkedExternalId(externalId))}/national-identity-number`;
      const response = await send(
        { method: 'PUT', url: endpoint(baseUrl, memberPath), body: JSON.stringify({ nationalIdentityNumber: number }) },
        signal,
      );
      const answer = jsonOf(response);
      // Cornerstone never replaces a number through the API: another one is held.
      if (response.status === 409) return { outcome: 'already_held' };
      if (response.status === 422) throw personnummerRefused(answer, externalId, number);
      const failure = failureForWrite(response.status, response.headers, answer, auth.rejectionMessage, externalId);
      if (failure) throw failure;

      const written = CornerstoneNationalIdentityNumberWritten.safeParse(answer);
      if (!written.success) throw vendorFormatFailure('the answer to a personnummer write is not in the expected format');
      if (written.data.memberId !== externalId) throw vendorFormatFailure('the answer to a personnummer write was not that member');
      // A repeat of the number the member holds is answered 200 as well, with lastModified unchanged.
      return { outcome: 'written', sourceUpdatedAt: writtenAt(cornerstone, written.data.lastModified.trim()) };
    },
  };
}

/** One listing page in our terms. */
function memberPage({ data, meta }: CornerstoneMemberPage): MemberPage {
  // An empty page ends the listing even if meta says otherwise: a stale totalPages must not walk empty pages.
  const hasMore = data.length > 0 && meta.page < meta.totalPages;
  return {
    records: data.map(mapCornerstoneRecord),
    nextCursor: hasMore ? String(meta.page + 1) : null,
    total: meta.totalCount,
  };
}
