import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { fitsBirthDate, heldNumber, numberProblem, type NumberProblem } from '../shared/national-identity-number.ts';
import type { SimContext } from './context.ts';
import { jsonObjectOrRefuse, readBodyOrRefuse, refusedFieldNames, sendError, sendJson } from './http-io.ts';

// One eleven-digit number in a one-field object; the member PATCH allows 16 KiB for far more.
const maxWriteBytes = 1024;

const NationalIdentityNumberWrite = z.strictObject({ nationalIdentityNumber: z.string() });

const refusals: Readonly<Record<NumberProblem | 'other_birth_date', string>> = {
  not_eleven_digits: 'The national identity number must be 11 digits',
  no_birth_date: 'The national identity number does not encode a real birth date',
  bad_control_digits: 'The national identity number fails the control digits',
  other_birth_date: "The national identity number does not match the member's birth date",
};

function refuse(res: ServerResponse, fields: readonly string[], message: string): void {
  sendJson(res, 422, { error: 'validation_failed', message, fields });
}

/**
 * `PUT /api/v1/members/{memberId}/national-identity-number`: sets a member's number once. A number
 * already held is never replaced (409), unless it is the same one (200, nothing changes). No answer
 * repeats the number, not even the 200, which says only that one is held.
 */
export async function handleNationalIdentityNumberWrite(ctx: SimContext, memberId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.stats.nationalIdentityNumberWrites++;
  const text = await readBodyOrRefuse(req, res, maxWriteBytes);
  if (text === null) return;

  const index = ctx.register.indexOf(memberId);
  if (index === null) return sendError(res, 404, 'not_found', 'No member with that id');

  const body = jsonObjectOrRefuse(res, text, 'Send a JSON object { "nationalIdentityNumber": "<11 digits>" }');
  if (body === null) return;
  const parsed = NationalIdentityNumberWrite.safeParse(body);
  if (!parsed.success) {
    const fields = refusedFieldNames(parsed.error);
    return refuse(res, fields, `Send only nationalIdentityNumber, as a string: ${fields.join(', ')}`);
  }

  const value = parsed.data.nationalIdentityNumber;
  const problem = numberProblem(value);
  if (problem !== null) return refuse(res, ['nationalIdentityNumber'], refusals[problem]);

  const record = ctx.register.at(index);
  const held = heldNumber(record.nationalIdentityNumber, value);
  if (held === 'other') {
    return sendError(
      res,
      409,
      'already_set',
      'The member already has a national identity number; it can only be changed by a Cornerstone user, not through the API',
    );
  }
  if (held === 'none' && !fitsBirthDate(value, record.birthDate)) return refuse(res, ['nationalIdentityNumber'], refusals.other_birth_date);

  // A repeat of the number held changes nothing: no new lastModified, no webhook.
  const stored = held === 'same' ? record : ctx.register.update(index, { nationalIdentityNumber: value });
  sendJson(res, 200, { memberId: stored.memberId, hasNationalIdentityNumber: true, lastModified: stored.lastModified });
}
