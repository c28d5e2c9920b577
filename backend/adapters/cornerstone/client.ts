import type { ConnectionCheck, MemberPage, MemberSource } from '../member-source.ts';
import type { CornerstoneAuth } from './auth.ts';
import { endpoint, parseBaseUrl } from './base-url.ts';
import { withDeadline } from './deadline.ts';
import { failureForStatus, vendorFormatFailure } from './errors.ts';
import { requestCornerstone } from './http.ts';
import { mapCornerstoneRecord } from './mapping.ts';
import { CornerstoneMemberPage, CornerstoneOrganization } from './schema.ts';

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

export function createCornerstoneSource(config: CornerstoneSourceConfig): MemberSource {
  const baseUrl = parseBaseUrl(config.baseUrl, { allowLoopbackHttp: config.allowLoopbackHttp === true });
  const pageSize = checkedPageSize(config.pageSize ?? 500);
  const timeoutMs = config.timeoutMs ?? 15_000;
  const fetchFn = config.fetch ?? fetch;
  const { auth } = config;

  /** GET a JSON document, logging in again once if a cached token was refused. */
  async function getJson(path: string, query: Record<string, string>, signal: AbortSignal | undefined): Promise<unknown> {
    const url = endpoint(baseUrl, path, query);
    for (let attempt = 1; ; attempt++) {
      const response = await withDeadline(timeoutMs, signal, async (deadline) => {
        const headers = await auth.headers(fetchFn, baseUrl, deadline);
        return requestCornerstone(fetchFn, { method: 'GET', url, headers }, deadline);
      });
      if (response.status === 401 && auth.refreshable && attempt === 1) {
        auth.invalidate();
        continue;
      }
      const failure = failureForStatus(response.status, response.headers, auth.rejectionMessage);
      if (failure) throw failure;
      if (response.body.kind !== 'json') throw vendorFormatFailure(`${path} did not return JSON`);
      return response.body.value;
    }
  }

  async function getPage(page: number, size: number, signal: AbortSignal | undefined): Promise<CornerstoneMemberPage> {
    const body = await getJson('/api/v1/members', { page: String(page), pageSize: String(size) }, signal);
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
      return { organizationName: organization.data.name, memberCount: firstPage.meta.totalCount };
    },

    async listMembers(cursor: string | null, signal?: AbortSignal): Promise<MemberPage> {
      const page = pageFromCursor(cursor);
      const { data, meta } = await getPage(page, pageSize, signal);
      // An empty page ends the listing even if meta says otherwise: a stale totalPages must not walk empty pages.
      const hasMore = data.length > 0 && meta.page < meta.totalPages;
      return {
        records: data.map(mapCornerstoneRecord),
        nextCursor: hasMore ? String(meta.page + 1) : null,
        total: meta.totalCount,
      };
    },
  };
}
