import { z } from 'zod';
import { SourceError } from '../member-source.ts';
import { memberLabel } from './redaction.ts';
import { CornerstoneValidationFailure } from './schema.ts';

/**
 * Every way talking to Cornerstone can fail, as a SourceError whose message tells a volunteer
 * administrator what to do and whose actor says who has to do it.
 */

export const credentialsRejectedMessage =
  'Cornerstone rejected the username, password or client ID. Check the credentials in the integration settings.';

const CornerstoneErrorBody = z.object({ error: z.string(), message: z.string().optional() });

/** Cornerstone's own error code from a JSON error body (`invalid_client`, `invalid_grant`, ...), if any. */
export function vendorErrorCode(body: unknown): string | null {
  const parsed = CornerstoneErrorBody.safeParse(body);
  return parsed.success ? parsed.data.error : null;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

export function timeoutFailure(timeoutMs: number): SourceError {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  return new SourceError(
    'source_timeout',
    `Cornerstone did not answer within ${plural(seconds, 'second')}. The sync will try again; if this keeps happening, Cornerstone may be overloaded and Kommunion should be told.`,
    { actor: 'vendor', retryable: true },
  );
}

/** Cornerstone answered, but not in the format this integration was built for. */
export function vendorFormatFailure(detail: string): SourceError {
  return new SourceError(
    'source_bad_response',
    `Cornerstone sent an answer the integration cannot read (${detail}). If this keeps happening, contact Kommunion support; Cornerstone's API may have changed.`,
    { actor: 'vendor', retryable: false },
  );
}

/** Seconds from a Retry-After header, which is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

const errorCodeKeys = ['code', 'errno'] as const;

/** The system error code (ECONNREFUSED, ENOTFOUND, ...) somewhere in a fetch error's cause chain. */
function networkErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    for (const key of errorCodeKeys) {
      if (key in current) {
        const code: unknown = Reflect.get(current, key);
        if (typeof code === 'string') return code;
      }
    }
    current = 'cause' in current ? current.cause : null;
  }
  return null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.message} ${errorText(error.cause)}` : '';
}

/** A fetch that never got an HTTP response. */
export function networkFailure(error: unknown, url: URL): SourceError {
  const code = networkErrorCode(error) ?? '';
  const text = errorText(error);
  const where = url.host;

  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /dns|name resolution|not known/i.test(text)) {
    return new SourceError(
      'source_unreachable',
      `Could not find the Cornerstone server "${url.hostname}". Check the API address in the integration settings and this computer's internet connection.`,
      { actor: 'org_admin', retryable: true, cause: error },
    );
  }
  if (code === 'ECONNREFUSED' || /connection refused/i.test(text)) {
    return new SourceError(
      'source_unreachable',
      `Nothing is answering at ${where}. Check the API address (including the port) in the integration settings; if it is right, Cornerstone is down and the sync will try again later.`,
      { actor: 'org_admin', retryable: true, cause: error },
    );
  }
  if (/CERT|TLS|SSL/i.test(code) || /certificate/i.test(text)) {
    return new SourceError(
      'source_unreachable',
      `The secure connection to ${where} could not be verified. Check the API address in the integration settings; if it is right, Cornerstone's certificate is at fault and Kommunion must fix it.`,
      { actor: 'vendor', retryable: false, cause: error },
    );
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || /closed|reset/i.test(text)) {
    return new SourceError(
      'source_unreachable',
      `Cornerstone at ${where} cut the connection before answering. The sync will try again; if this keeps happening, contact Kommunion support.`,
      { actor: 'vendor', retryable: true, cause: error },
    );
  }
  return new SourceError(
    'source_unreachable',
    `Could not reach Cornerstone at ${where}. Check the API address in the integration settings and this computer's internet connection.`,
    { actor: 'org_admin', retryable: true, cause: error },
  );
}

/**
 * The failure an HTTP status means, or null for success. `authRejection` is the strategy's own
 * wording, so an API-key user is not told to check a password.
 */
export function failureForStatus(status: number, headers: Headers, authRejection: string): SourceError | null {
  if (status >= 200 && status < 300) return null;
  if (status === 401) return new SourceError('source_auth_failed', authRejection, { actor: 'org_admin', retryable: false });
  if (status === 403) {
    return new SourceError(
      'source_auth_failed',
      'Cornerstone accepted the login but refused access to the member register. Ask your Cornerstone administrator to give the API user a role with access to members.',
      { actor: 'org_admin', retryable: false },
    );
  }
  if (status === 408) {
    return new SourceError('source_timeout', 'Cornerstone gave up waiting for the request (HTTP 408). The sync will try again.', {
      actor: 'vendor',
      retryable: true,
    });
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(headers.get('retry-after'));
    const when = retryAfterSeconds === null ? 'shortly' : `in ${plural(retryAfterSeconds, 'second')}`;
    return new SourceError(
      'source_rate_limited',
      `Cornerstone asked the sync to slow down (too many requests). It will continue ${when}.`,
      { actor: 'vendor', retryable: true, retryAfterSeconds },
    );
  }
  if (status >= 500) {
    return new SourceError(
      'source_server_error',
      `Cornerstone had an internal error (HTTP ${status}). The sync will try again; if this keeps happening, contact Kommunion support.`,
      { actor: 'vendor', retryable: true, retryAfterSeconds: parseRetryAfter(headers.get('retry-after')) },
    );
  }
  if (status >= 300 && status < 400) {
    return new SourceError(
      'source_bad_response',
      `Cornerstone redirected the request to another address (HTTP ${status}). Check the API address in the integration settings.`,
      { actor: 'org_admin', retryable: false },
    );
  }
  if (status === 404) {
    return new SourceError(
      'source_bad_response',
      'There is no Cornerstone member API at this address (HTTP 404). Check the API address in the integration settings.',
      { actor: 'org_admin', retryable: false },
    );
  }
  return new SourceError(
    'source_bad_response',
    `Cornerstone refused the integration's request (HTTP ${status}). This points to a fault in the app, not in your settings; report it to the app's operator.`,
    { actor: 'operator', retryable: false },
  );
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

/** `failureForStatus`, plus what a 404 and a 422 mean for a write to one member. */
export function failureForWrite(status: number, headers: Headers, body: unknown, authRejection: string, externalId: string): SourceError | null {
  if (status === 404) return memberNotFoundFailure(externalId);
  if (status === 422) return rejectedWriteFailure(body, externalId);
  return failureForStatus(status, headers, authRejection);
}
