import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimContext } from './context.ts';
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
});

export function handleOrganization(ctx: SimContext, res: ServerResponse): void {
  ctx.stats.organizationRequests++;
  sendJson(res, 200, ctx.organization);
}

/** `GET /api/v1/members?page=&pageSize=`: page-number pagination over the register in member-id order. */
export function handleMembers(ctx: SimContext, url: URL, res: ServerResponse): void {
  ctx.stats.memberPageRequests++;
  const query = MembersQuery.safeParse({
    page: url.searchParams.get('page') ?? undefined,
    pageSize: url.searchParams.get('pageSize') ?? undefined,
  });
  if (!query.success) {
    return sendError(
      res,
      400,
      'invalid_request',
      `page must be a whole number ≥ 1 and pageSize a whole number from 1 to ${maxPageSize}`,
    );
  }

  const { page, pageSize } = query.data;
  const totalCount = ctx.register.count;
  const data = ctx.register.slice((page - 1) * pageSize, pageSize);
  sendJson(res, 200, {
    data,
    meta: { page, pageSize, totalCount, totalPages: Math.ceil(totalCount / pageSize) },
  });
}
