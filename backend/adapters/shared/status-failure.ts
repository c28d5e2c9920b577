import { SourceError } from '../member-source.ts';
import { parseRetryAfter } from './retry-after.ts';
import { plural, type VendorWording } from './vendor-wording.ts';

/** What differs between vendors in reading a failed answer. */
export interface StatusWording {
  /** The message for a 401: the auth strategy's own wording, so an API-key user is not told to check a password. */
  readonly authRejection: string;
  /** The message for a 403, naming the vendor's own way of granting access. */
  readonly accessRefused: string;
  /** Appended to server and request errors: a reference for the vendor's support read from the error body, or "". */
  readonly supportNote: string;
}

/** The failure an HTTP status from the vendor means, or null for success. */
export function failureForStatus(vendor: VendorWording, status: number, headers: Headers, wording: StatusWording): SourceError | null {
  if (status >= 200 && status < 300) return null;
  if (status === 401) return new SourceError('source_auth_failed', wording.authRejection, { actor: 'org_admin', retryable: false });
  if (status === 403) return new SourceError('source_auth_failed', wording.accessRefused, { actor: 'org_admin', retryable: false });
  if (status === 408) {
    return new SourceError('source_timeout', `${vendor.name} gave up waiting for the request (HTTP 408). The sync will try again.`, {
      actor: 'vendor',
      retryable: true,
    });
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(headers.get('retry-after'));
    const when = retryAfterSeconds === null ? 'shortly' : `in ${plural(retryAfterSeconds, 'second')}`;
    return new SourceError('source_rate_limited', `${vendor.name} asked the sync to slow down (too many requests). It will continue ${when}.`, {
      actor: 'vendor',
      retryable: true,
      retryAfterSeconds,
    });
  }
  if (status >= 500) {
    return new SourceError(
      'source_server_error',
      `${vendor.name} had an internal error (HTTP ${status}). The sync will try again; if this keeps happening, contact ${vendor.support}.${wording.supportNote}`,
      { actor: 'vendor', retryable: true, retryAfterSeconds: parseRetryAfter(headers.get('retry-after')) },
    );
  }
  if (status >= 300 && status < 400) {
    return new SourceError(
      'source_bad_response',
      `${vendor.name} redirected the request to another address (HTTP ${status}). Check the API address in the integration settings.`,
      { actor: 'org_admin', retryable: false },
    );
  }
  if (status === 404) {
    return new SourceError(
      'source_bad_response',
      `There is no ${vendor.name} member API at this address (HTTP 404). Check the API address in the integration settings.`,
      { actor: 'org_admin', retryable: false },
    );
  }
  return new SourceError(
    'source_bad_response',
    `${vendor.name} refused the integration's request (HTTP ${status}). This points to a fault in the app, not in your settings; report it to the app's operator.${wording.supportNote}`,
    { actor: 'operator', retryable: false },
  );
}
