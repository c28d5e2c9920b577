import { z } from 'zod';
import type { SourceError } from '../member-source.ts';
import { failureForStatus as sharedFailureForStatus } from '../shared/status-failure.ts';
import { vendorFormatFailure as sharedVendorFormatFailure } from '../shared/vendor-failures.ts';
import { consio } from './vendor.ts';

/**
 * Every way talking to Consio can fail, as a SourceError whose message tells a volunteer
 * administrator what to do and whose actor says who has to do it. The wording shared with other
 * vendors is in ../shared/; what is Consio's own (its problem-details bodies, its scopes) is here.
 */

export const credentialsRejectedMessage =
  'Consio did not accept the client ID or client secret. Check them in the integration settings; Consio support can issue a new secret.';

/** RFC 7807 problem details, as Consio's member API answers errors. */
const ConsioProblem = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  traceId: z.string().optional(),
  errors: z.record(z.string(), z.unknown()).optional(),
});
export type ConsioProblem = z.infer<typeof ConsioProblem>;

export function parseProblem(body: unknown): ConsioProblem | null {
  const parsed = ConsioProblem.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/** " (Consio trace id …)" for support, when the answer carried a plausible one; never free text. */
function traceNote(body: unknown): string {
  const traceId = parseProblem(body)?.traceId;
  return traceId !== undefined && /^[\w.:|-]{1,100}$/.test(traceId) ? ` Quote Consio trace id ${traceId} to Consio support.` : '';
}

/** Consio answered, but not in the format this integration was built for. */
export function vendorFormatFailure(detail: string): SourceError {
  return sharedVendorFormatFailure(consio, detail);
}

/**
 * The failure an HTTP status means, or null for success. Consio gives Retry-After as an
 * HTTP-date; a proxy in front of it may give seconds, so both are read.
 */
export function failureForStatus(status: number, headers: Headers, body: unknown): SourceError | null {
  return sharedFailureForStatus(consio, status, headers, {
    authRejection: credentialsRejectedMessage,
    accessRefused:
      'Consio accepted the client ID but refused access to the member register. Ask Consio support to give the API client access to members (the "members" scope).',
    supportNote: traceNote(body),
  });
}
