import { z } from 'zod';
import { SourceError } from '../member-source.ts';
import { personnummerRefusedFailure } from '../shared/personnummer-write.ts';
import { failureForStatus as sharedFailureForStatus } from '../shared/status-failure.ts';
import { vendorFormatFailure as sharedVendorFormatFailure } from '../shared/vendor-failures.ts';
import { memberLabel } from './redaction.ts';
import { CornerstoneValidationFailure } from './schema.ts';
import { cornerstone } from './vendor.ts';

/**
 * Every way talking to Cornerstone can fail, as a SourceError whose message tells a volunteer
 * administrator what to do and whose actor says who has to do it. The wording shared with other
 * vendors is in ../shared/; what is Cornerstone's own (its error codes, its write refusals) is here.
 */

export const credentialsRejectedMessage =
  'Cornerstone rejected the username, password or client ID. Check the credentials in the integration settings.';

const CornerstoneErrorBody = z.object({ error: z.string(), message: z.string().optional() });

/** Cornerstone's own error code from a JSON error body (`invalid_client`, `invalid_grant`, ...), if any. */
export function vendorErrorCode(body: unknown): string | null {
  const parsed = CornerstoneErrorBody.safeParse(body);
  return parsed.success ? parsed.data.error : null;
}

/** Cornerstone answered, but not in the format this integration was built for. */
export function vendorFormatFailure(detail: string): SourceError {
  return sharedVendorFormatFailure(cornerstone, detail);
}

/**
 * The failure an HTTP status means, or null for success. `authRejection` is the strategy's own
 * wording, so an API-key user is not told to check a password.
 */
export function failureForStatus(status: number, headers: Headers, authRejection: string): SourceError | null {
  return sharedFailureForStatus(cornerstone, status, headers, {
    authRejection,
    accessRefused:
      'Cornerstone accepted the login but refused access to the member register. Ask your Cornerstone administrator to give the API user a role with access to members.',
    supportNote: '',
  });
}

/** Cornerstone no longer has the member a write was for: deleted or merged there since our last sync. */
export function memberNotFoundFailure(externalId: string): SourceError {
  return new SourceError(
    'source_not_found',
    `Cornerstone no longer has ${memberLabel(externalId)}, so the change was not written. The member may have been deleted or merged in Cornerstone; the next full sync will catch up.`,
    { actor: 'org_admin', retryable: false },
  );
}

// Cornerstone's field names, in the words an administrator knows; anything else it names is left out.
const writableFieldWords: Readonly<Record<string, string>> = {
  membershipStatus: 'membership status',
  roles: 'roles',
  email: 'email',
  mobile: 'phone',
  unit: 'local chapter',
  nationalIdentityNumber: 'personnummer',
};

/** Cornerstone refused the values of a write (422). Only field names reach the message, never values. */
export function rejectedWriteFailure(body: unknown, externalId: string): SourceError {
  const parsed = CornerstoneValidationFailure.safeParse(body);
  const words = [...new Set((parsed.success ? (parsed.data.fields ?? []) : []).flatMap((field) => writableFieldWords[field] ?? []))];
  const which = words.length > 0 ? ` (it does not accept the ${words.join(', ')})` : '';
  return new SourceError(
    'source_rejected_write',
    `Cornerstone refused the change to ${memberLabel(externalId)}${which}. Check the value in the app against what Cornerstone allows, and whether the API user may change this field.`,
    { actor: 'org_admin', retryable: false },
  );
}

/**
 * Cornerstone refused a personnummer (422). Its answers name fields, never values; its message is
 * still reduced before it is quoted, as any vendor text is.
 */
export function personnummerRefused(body: unknown, externalId: string, personnummer: string): SourceError {
  const parsed = CornerstoneValidationFailure.safeParse(body);
  return personnummerRefusedFailure(cornerstone, memberLabel(externalId), parsed.success ? (parsed.data.message ?? null) : null, personnummer);
}

/** `failureForStatus`, plus what a 404 and a 422 mean for a write to one member. */
export function failureForWrite(status: number, headers: Headers, body: unknown, authRejection: string, externalId: string): SourceError | null {
  if (status === 404) return memberNotFoundFailure(externalId);
  if (status === 422) return rejectedWriteFailure(body, externalId);
  return failureForStatus(status, headers, authRejection);
}
