import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { BodyTooLargeError, parseJson, readBody, sendJson } from '../cornerstone/http-io.ts';
import type { ConsioSimContext } from './context.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { listMembers, type ListingPosition } from './member-listing.ts';
import { validateMemberWrite } from './member-write.ts';
import { sendProblem } from './problem.ts';
import { indexForActNo, type ConsioMemberRecord } from './records.ts';

const maxLimit = 1000;
const defaultLimit = 100;
const maxWriteBytes = 64 * 1024;

// Digits only: "1e3", " 2" or "1.0" are refused the way a strict vendor API would.
const Limit = z
  .string()
  .regex(/^[1-9]\d{0,3}$/)
  .transform(Number)
  .pipe(z.number().max(maxLimit))
  .optional()
  .default(defaultLimit);

const WriteBody = z.record(z.string(), z.unknown());

/**
 * A write's body as Consio reads it: the media type, at most `maxBytes`, then a JSON object; each
 * refusal answered as its problem. Null when refused (the answer is sent).
 */
export async function readWriteBody(
  req: IncomingMessage,
  res: ServerResponse,
  expect: { mediaType: RegExp; sendAs: string; shape: string; maxBytes: number },
): Promise<Record<string, unknown> | null> {
  if (!expect.mediaType.test(req.headers['content-type'] ?? '')) {
    sendProblem(res, 415, { detail: expect.sendAs });
    return null;
  }
  let text: string;
  try {
    text = await readBody(req, expect.maxBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendProblem(res, 413, { detail: 'The request body is too large.' });
    return null;
  }
  const body = WriteBody.safeParse(parseJson(text));
  if (!body.success) {
    sendProblem(res, 400, { detail: expect.shape });
    return null;
  }
  return body.data;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The member at `index` as the API serves it. */
export function served(ctx: ConsioSimContext, index: number): ConsioMemberRecord {
  return ctx.invalidRecords.apply(ctx.register.at(index));
}

export function handleOrganization(ctx: ConsioSimContext, res: ServerResponse): void {
  ctx.stats.organizationRequests++;
  sendJson(res, 200, ctx.organization);
}

function cursorFitsQuery(position: ListingPosition, changedSinceMs: number | null): boolean {
  if (position.kind === 'all') return changedSinceMs === null;
  return position.sinceMs === changedSinceMs;
}

/** `GET /api/v2/members?limit=&after=&changedSince=`: keyset pages, oldest change first when changedSince is given. */
export function handleMemberList(ctx: ConsioSimContext, url: URL, res: ServerResponse): void {
  ctx.stats.memberListRequests++;
  const limit = Limit.safeParse(url.searchParams.get('limit') ?? undefined);
  if (!limit.success) return sendProblem(res, 400, { detail: `limit must be a whole number from 1 to ${maxLimit}.` });

  const changedSince = url.searchParams.get('changedSince');
  let changedSinceMs: number | null = null;
  if (changedSince !== null) {
    changedSinceMs = isoInstant.test(changedSince) ? Date.parse(changedSince) : Number.NaN;
    if (Number.isNaN(changedSinceMs)) {
      return sendProblem(res, 400, { detail: 'changedSince must be an ISO 8601 date and time with Z or an offset.' });
    }
  }

  const after = url.searchParams.get('after');
  const position = after === null ? null : decodeCursor(after);
  if (after !== null && (position === null || !cursorFitsQuery(position, changedSinceMs))) {
    return sendProblem(res, 400, { detail: 'The cursor is not valid for this query. Start the listing again without after.' });
  }

  const page = listMembers(ctx.register, {
    limit: limit.data,
    changedSinceMs,
    after: position,
  });
  sendJson(res, 200, {
    items: page.indexes.map((index) => served(ctx, index)),
    nextCursor: page.next === null ? null : encodeCursor(page.next),
    totalCount: page.totalCount,
  });
}

/** The register index for `/api/v2/members/{actNo}`, or null after answering 404 itself. */
export function memberIndex(ctx: ConsioSimContext, actNoText: string, res: ServerResponse): number | null {
  const index = /^\d{1,15}$/.test(actNoText) ? indexForActNo(Number(actNoText)) : null;
  if (index === null || !ctx.register.exists(index)) {
    sendProblem(res, 404, { title: 'Member not found', detail: `No member has actNo ${actNoText.slice(0, 20)}.` });
    return null;
  }
  return index;
}

export function handleMemberRead(ctx: ConsioSimContext, actNoText: string, res: ServerResponse): void {
  ctx.stats.memberReadRequests++;
  const index = memberIndex(ctx, actNoText, res);
  if (index !== null) sendJson(res, 200, served(ctx, index));
}

/** `PATCH /api/v2/members/{actNo}` with a partial member; answers the member as now stored. */
export async function handleMemberWrite(ctx: ConsioSimContext, actNoText: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.stats.memberWrites++;
  const body = await readWriteBody(req, res, {
    mediaType: /^application\/(?:merge-patch\+)?json\b/i,
    sendAs: 'Send the changes as application/json.',
    shape: 'The body must be a JSON object with the fields to change.',
    maxBytes: maxWriteBytes,
  });
  if (body === null) return;

  const index = memberIndex(ctx, actNoText, res);
  if (index === null) return;
  const validation = validateMemberWrite(body);
  if (!validation.ok) {
    return sendProblem(res, 422, {
      title: 'One or more validation errors occurred.',
      detail: 'See errors for the fields that were not accepted.',
      extensions: { errors: validation.errors },
    });
  }
  ctx.register.update(index, validation.patch);
  sendJson(res, 200, served(ctx, index));
}
