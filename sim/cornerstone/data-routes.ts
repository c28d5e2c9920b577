import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { servedMember, type SimContext } from './context.ts';
import { sendError, sendJson } from './http-io.ts';

const maxPageSize = 1000;
const defaultPageSize = 100;

// Digits only: "1e3", " 2" or "1.0" are rejected the way a strict vendor API would.
const positiveInteger = z
  .string()
  .regex(/^[1-9]\d{0,8}$/)
  .transform(Number);

const MembersQuery = z.object({
  page: positiveInteger.optional().default(1),
  pageSize: positiveInteger.pipe(z.number().max(maxPageSize)).optional().default(defaultPageSize),
  // An offset is required: a time without one means different instants to different clients.
  updatedSince: z.iso
    .datetime({ offset: true })
    .transform((value) => Date.parse(value))
    .optional(),
});

export function handleOrganization(ctx: SimContext, res: ServerResponse): void {
  ctx.stats.organizationRequests++;
  sendJson(res, 200, ctx.organization);
}

/**
 * `GET /api/v1/members?page=&pageSize=[&updatedSince=]`: page-number pagination over the register
 * in member-id order or, with `updatedSince`, over the members changed at or after it, oldest
 * change first.
 */
export function handleMembers(ctx: SimContext, url: URL, res: ServerResponse): void {
  ctx.stats.memberPageRequests++;
  const query = MembersQuery.safeParse({
    page: url.searchParams.get('page') ?? undefined,
    pageSize: url.searchParams.get('pageSize') ?? undefined,
    updatedSince: url.searchParams.get('updatedSince') ?? undefined,
  });
  if (!query.success) {
    return sendError(
      res,
      400,
      'invalid_request',
      `page must be a whole number ≥ 1, pageSize a whole number from 1 to ${maxPageSize}, and updatedSince an ISO 8601 time with an offset`,
    );
  }

  const { page, pageSize, updatedSince } = query.data;
  const from = (page - 1) * pageSize;
  let totalCount: number;
  let indexes: readonly number[];
  if (updatedSince === undefined) {
    totalCount = ctx.register.count;
    indexes = ctx.register.listedIndexes(from, pageSize);
  } else {
    ctx.stats.deltaPageRequests++;
    const changed = ctx.register.changedSince(updatedSince);
    totalCount = changed.length;
    indexes = changed.slice(from, from + pageSize);
  }
  sendJson(res, 200, {
    data: indexes.map((index) => servedMember(ctx, index)),
    meta: { page, pageSize, totalCount, totalPages: Math.ceil(totalCount / pageSize) },
  });
}
