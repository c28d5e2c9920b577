import { z } from 'zod';
import { parseRetryAfter } from '../cornerstone/errors.ts';
import { SourceError } from '../member-source.ts';

/**
 * Every way talking to Consio can fail, as a SourceError whose message tells a volunteer
 * administrator what to do and whose actor says who has to do it.
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

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

export function timeoutFailure(timeoutMs: number): SourceError {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  return new SourceError(
    'source_timeout',
    `Consio did not answer within ${plural(seconds, 'second')}. The sync will try again; if this keeps happening, Consio may be overloaded and Consio support should be told.`,
    { actor: 'vendor', retryable: true },
  );
}

/** Consio answered, but not in the format this integration was built for. */
export function vendorFormatFailure(detail: string): SourceError {
  return new SourceError(
    'source_bad_response',
    `Consio sent an answer the integration cannot read (${detail}). If this keeps happening, contact Consio support; Consio's API may have changed.`,
    { actor: 'vendor', retryable: false },
  );
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
      `Could not find the Consio server "${url.hostname}". Check the API address in the integration settings and this computer's internet connection.`,
      { actor: 'org_admin', retryable: true, cause: error },
    );
  }
  if (code === 'ECONNREFUSED' || /connection refused/i.test(text)) {
    return new SourceError(
      'source_unreachable',
      `Nothing is answering at ${where}. Check the API address (including the port) in the integration settings; if it is right, Consio is down and the sync will try again later.`,
      { actor: 'org_admin', retryable: true, cause: error },
    );
  }
  if (/CERT|TLS|SSL/i.test(code) || /certificate/i.test(text)) {
    return new SourceError(
      'source_unreachable',
      `The secure connection to ${where} could not be verified. Check the API address in the integration settings; if it is right, Consio's certificate is at fault and Consio must fix it.`,
      { actor: 'vendor', retryable: false, cause: error },
    );
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || /closed|reset/i.test(text)) {
    return new SourceError(
      'source_unreachable',
      `Consio at ${where} cut the connection before answering. The sync will try again; if this keeps happening, contact Consio support.`,
      { actor: 'vendor', retryable: true, cause: error },
    );
  }
  return new SourceError(
    'source_unreachable',
    `Could not reach Consio at ${where}. Check the API address in the integration settings and this computer's internet connection.`,
    { actor: 'org_admin', retryable: true, cause: error },
  );
}

/**
 * The failure an HTTP status means, or null for success. Consio gives Retry-After as an
 * HTTP-date; a proxy in front of it may give seconds, so both are read.
 */
export function failureForStatus(status: number, headers: Headers, body: unknown): SourceError | null {
  if (status >= 200 && status < 300) return null;
  if (status === 401) return new SourceError('source_auth_failed', credentialsRejectedMessage, { actor: 'org_admin', retryable: false });
  if (status === 403) {
    return new SourceError(
      'source_auth_failed',
      'Consio accepted the client ID but refused access to the member register. Ask Consio support to give the API client access to members (the "members" scope).',
      { actor: 'org_admin', retryable: false },
    );
  }
  if (status === 408) {
    return new SourceError('source_timeout', 'Consio gave up waiting for the request (HTTP 408). The sync will try again.', {
      actor: 'vendor',
      retryable: true,
    });
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(headers.get('retry-after'));
    const when = retryAfterSeconds === null ? 'shortly' : `in ${plural(retryAfterSeconds, 'second')}`;
    return new SourceError('source_rate_limited', `Consio asked the sync to slow down (too many requests). It will continue ${when}.`, {
      actor: 'vendor',
      retryable: true,
      retryAfterSeconds,
    });
  }
  if (status >= 500) {
    return new SourceError(
      'source_server_error',
      `Consio had an internal error (HTTP ${status}). The sync will try again; if this keeps happening, contact Consio support.${traceNote(body)}`,
      { actor: 'vendor', retryable: true, retryAfterSeconds: parseRetryAfter(headers.get('retry-after')) },
    );
  }
  if (status >= 300 && status < 400) {
    return new SourceError(
      'source_bad_response',
      `Consio redirected the request to another address (HTTP ${status}). Check the API address in the integration settings.`,
      { actor: 'org_admin', retryable: false },
    );
  }
  if (status === 404) {
    return new SourceError(
      'source_bad_response',
      'There is no Consio member API at this address (HTTP 404). Check the API address in the integration settings.',
      { actor: 'org_admin', retryable: false },
    );
  }
  return new SourceError(
    'source_bad_response',
    `Consio refused the integration's request (HTTP ${status}). This points to a fault in the app, not in your settings; report it to the app's operator.${traceNote(body)}`,
    { actor: 'operator', retryable: false },
  );
}
