import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from '../cornerstone/http-io.ts';
import { fitsBirthDate, heldNumber, numberProblem, type NumberProblem } from '../shared/national-identity-number.ts';
import type { ConsioSimContext } from './context.ts';
import { memberIndex, readWriteBody, served } from './data-routes.ts';
import { sendProblem } from './problem.ts';

// One eleven-digit number in a one-field object; the member PATCH allows 64 KiB for far more.
const maxWriteBytes = 1024;

const SsnWrite = z.strictObject({ ssn: z.string() });

/** Like Consio's other validators, these quote the value they refuse: the adapter must never copy them. */
const refusals: Readonly<Record<NumberProblem | 'other_birth_date', (value: string) => string>> = {
  not_eleven_digits: (value) => `'${value}' is not a national identity number: it must be 11 digits.`,
  no_birth_date: (value) => `'${value}' is not a national identity number: it does not encode a real date of birth.`,
  bad_control_digits: (value) => `'${value}' is not a valid national identity number: the control digits are wrong.`,
  other_birth_date: (value) => `'${value}' does not match the member's date of birth.`,
};

function validationProblem(res: ServerResponse, errors: Record<string, string[]>): void {
  sendProblem(res, 422, {
    title: 'One or more validation errors occurred.',
    detail: 'See errors for the fields that were not accepted.',
    extensions: { errors },
  });
}

/** Consio's `dd.MM.yyyy` as `yyyy-MM-dd`, or null when it is not in that form. */
function isoDate(dateOfBirth: string): string | null {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(dateOfBirth);
  return match === null ? null : `${match[3]}-${match[2]}-${match[1]}`;
}

/**
 * `PUT /api/v2/members/{actNo}/ssn`: sets a member's national identity number once. A number
 * already held is never replaced (409), unless it is the same one (200, nothing changes). Answers
 * the member as stored, `ssn` included, as every member read does.
 */
export async function handleSsnWrite(ctx: ConsioSimContext, actNoText: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.stats.ssnWrites++;
  const body = await readWriteBody(req, res, {
    mediaType: /^application\/json\b/i,
    sendAs: 'Send the number as application/json.',
    shape: 'The body must be a JSON object { "ssn": "<11 digits>" }.',
    maxBytes: maxWriteBytes,
  });
  if (body === null) return;

  const index = memberIndex(ctx, actNoText, res);
  if (index === null) return;
  const parsed = SsnWrite.safeParse(body);
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') for (const key of issue.keys) errors[key] = ['Only ssn can be written here.'];
      else errors['ssn'] = ['Must be a string of 11 digits.'];
    }
    return validationProblem(res, errors);
  }

  const value = parsed.data.ssn;
  const problem = numberProblem(value);
  if (problem !== null) return validationProblem(res, { ssn: [refusals[problem](value)] });

  const record = ctx.register.at(index);
  const held = heldNumber(record.ssn, value);
  if (held === 'other') {
    return sendProblem(res, 409, {
      title: 'The member already has a national identity number.',
      detail: 'A national identity number, once set, can only be changed in Consio itself.',
    });
  }
  if (held === 'none' && !fitsBirthDate(value, isoDate(record.dateOfBirth))) {
    return validationProblem(res, { ssn: [refusals.other_birth_date(value)] });
  }

  // A repeat of the number held changes nothing, changedTime included.
  if (held === 'none') ctx.register.update(index, { ssn: value });
  sendJson(res, 200, served(ctx, index));
}
