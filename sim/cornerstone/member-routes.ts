import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { servedMember, type SimContext } from './context.ts';
import { jsonObjectOrRefuse, readBodyOrRefuse, refusedFieldNames, sendError, sendJson } from './http-io.ts';
import { localChapters } from './names.ts';
import {
  cornerstoneRoleNames,
  cornerstoneStatuses,
  isCornerstoneRoleCode,
  type CornerstoneMemberPatch,
  type CornerstoneRoleCode,
} from './records.ts';

const maxWriteBytes = 16 * 1024;

/** What a write may change, in Cornerstone's vocabulary; everything else on a member is Cornerstone's own. */
const MemberWrite = z
  .object({
    membershipStatus: z.string(),
    /** Role codes; the write replaces the member's roles. */
    roles: z.array(z.string()).max(20),
    email: z.string().max(320).nullable(),
    mobile: z.string().max(40).nullable(),
    /** A unit by id (Cornerstone names its units), or null for none. */
    unit: z.strictObject({ unitId: z.string() }).nullable(),
    nationalIdentityNumber: z.string().nullable(),
  })
  .partial()
  .strict();
type MemberWrite = z.infer<typeof MemberWrite>;

const plausibleEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const plausibleMobile = /^\+?[\d\s().-]{8,20}$/;

/** The fields whose values Cornerstone refuses. Values are never echoed: they may be personal data. */
function refusedFields(write: MemberWrite): string[] {
  const fields: string[] = [];
  if (write.membershipStatus !== undefined && !cornerstoneStatuses.some((status) => status === write.membershipStatus)) {
    fields.push('membershipStatus');
  }
  if (write.roles?.some((code) => !isCornerstoneRoleCode(code))) fields.push('roles');
  if (typeof write.email === 'string' && !plausibleEmail.test(write.email)) fields.push('email');
  if (typeof write.mobile === 'string' && !plausibleMobile.test(write.mobile)) fields.push('mobile');
  if (write.unit && !localChapters.some((chapter) => chapter.unitId === write.unit?.unitId)) fields.push('unit');
  if (typeof write.nationalIdentityNumber === 'string' && !/^\d{11}$/.test(write.nationalIdentityNumber)) {
    fields.push('nationalIdentityNumber');
  }
  return fields;
}

function toPatch(write: MemberWrite): CornerstoneMemberPatch {
  const patch: CornerstoneMemberPatch = {};
  if (write.membershipStatus !== undefined) patch.membershipStatus = write.membershipStatus;
  if (write.roles !== undefined) {
    const codes = [...new Set(write.roles)].filter((code): code is CornerstoneRoleCode => isCornerstoneRoleCode(code));
    patch.roles = codes.map((code) => ({ code, name: cornerstoneRoleNames[code] }));
  }
  if (write.email !== undefined) patch.email = write.email;
  if (write.mobile !== undefined) patch.mobile = write.mobile;
  if (write.unit !== undefined) {
    const unitId = write.unit?.unitId;
    const chapter = localChapters.find((candidate) => candidate.unitId === unitId);
    patch.unit = chapter === undefined ? null : { unitId: chapter.unitId, unitName: chapter.unitName };
  }
  if (write.nationalIdentityNumber !== undefined) patch.nationalIdentityNumber = write.nationalIdentityNumber;
  return patch;
}

function sendValidationFailed(res: ServerResponse, fields: readonly string[], message: string): void {
  sendJson(res, 422, { error: 'validation_failed', message, fields });
}

function notFound(res: ServerResponse): void {
  sendError(res, 404, 'not_found', 'No member with that id');
}

/** `GET /api/v1/members/{memberId}`. */
export function handleMemberRead(ctx: SimContext, memberId: string, res: ServerResponse): void {
  ctx.stats.memberReadRequests++;
  const index = ctx.register.indexOf(memberId);
  if (index === null) return notFound(res);
  sendJson(res, 200, servedMember(ctx, index));
}

/** `PATCH /api/v1/members/{memberId}`: a partial update; answers with the record as it now is. */
export async function handleMemberWrite(ctx: SimContext, memberId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.stats.memberWriteRequests++;
  const text = await readBodyOrRefuse(req, res, maxWriteBytes);
  if (text === null) return;

  const index = ctx.register.indexOf(memberId);
  if (index === null) return notFound(res);

  const body = jsonObjectOrRefuse(res, text, 'Send a JSON object with the fields to change');
  if (body === null) return;
  const parsed = MemberWrite.safeParse(body);
  if (!parsed.success) {
    const fields = refusedFieldNames(parsed.error);
    return sendValidationFailed(res, fields, `These fields are not writable or have the wrong type: ${fields.join(', ')}`);
  }
  if (Object.keys(parsed.data).length === 0) return sendValidationFailed(res, [], 'Send at least one field to change');
  const refused = refusedFields(parsed.data);
  if (refused.length > 0) return sendValidationFailed(res, refused, `Cornerstone does not accept these values: ${refused.join(', ')}`);

  ctx.register.update(index, toPatch(parsed.data));
  sendJson(res, 200, servedMember(ctx, index));
}
