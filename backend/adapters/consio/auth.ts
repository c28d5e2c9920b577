import { z } from 'zod';
import { SourceError } from '../member-source.ts';
import { endpoint } from '../shared/base-url.ts';
import { jsonOf, requestVendor } from '../shared/http-exchange.ts';
import { credentialsRejectedMessage, failureForStatus, vendorFormatFailure } from './errors.ts';
import { consio } from './vendor.ts';

export interface ConsioClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** Consio's OpenID server issues the API's tokens (OAuth 2.0 client credentials, RFC 6749 §4.4). */
const tokenPath = '/OpenIdserver/connect/token';
const scope = 'members';

const ConsioToken = z.object({
  access_token: z.string().min(1).max(4096),
  token_type: z.string().regex(/^bearer$/i),
  // Some identity servers send expires_in as a string; RFC 6749 says a number.
  expires_in: z.union([z.number().positive(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
});

const OAuthError = z.object({ error: z.string() });

const scopeRefused =
  'Consio accepted the client ID and secret but will not let this client read members. Ask Consio support to give the API client the "members" scope.';

// RFC 6749 §5.2 error codes, each with who can fix it.
function tokenRejection(error: string | null): SourceError {
  switch (error) {
    case 'invalid_scope':
    case 'unauthorized_client':
      return new SourceError('source_auth_failed', scopeRefused, { actor: 'org_admin', retryable: false, refusal: 'no_member_access' });
    case 'invalid_request':
    case 'unsupported_grant_type':
      return new SourceError(
        'source_bad_response',
        "Consio's login server refused the integration's login request as malformed. This points to a fault in the app or a change at Consio; report it to the app's operator.",
        { actor: 'operator', retryable: false },
      );
    default:
      return new SourceError('source_auth_failed', credentialsRejectedMessage, { actor: 'org_admin', retryable: false, refusal: 'client_rejected' });
  }
}

// Without expires_in, assume a short life rather than reuse a token until it fails.
const defaultTokenLifetimeSeconds = 300;

interface CachedToken {
  accessToken: string;
  renewAt: number;
}

async function fetchToken(credentials: ConsioClientCredentials, fetchFn: typeof fetch, baseUrl: URL, signal: AbortSignal): Promise<CachedToken> {
  const response = await requestVendor(
    consio,
    fetchFn,
    {
      method: 'POST',
      url: endpoint(baseUrl, tokenPath),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        scope,
      }).toString(),
    },
    signal,
  );

  const body = jsonOf(response);
  if (response.status === 400 || response.status === 401) {
    const error = OAuthError.safeParse(body);
    throw tokenRejection(error.success ? error.data.error : null);
  }
  const failure = failureForStatus(response.status, response.headers, body);
  if (failure) throw failure;

  const token = ConsioToken.safeParse(body);
  if (!token.success) throw vendorFormatFailure('the login answer has no usable access token');
  const lifetime = token.data.expires_in ?? defaultTokenLifetimeSeconds;
  // Renew a little early so a token does not expire between the check and the request.
  const margin = Math.min(60, lifetime / 10);
  return { accessToken: token.data.access_token, renewAt: Date.now() + (lifetime - margin) * 1000 };
}

/** Bearer tokens for Consio's API, fetched with the client credentials and cached until near expiry. */
export interface ConsioAuth {
  headers(fetchFn: typeof fetch, baseUrl: URL, signal: AbortSignal): Promise<Record<string, string>>;
  /** Drops the cached token so the next request logs in again. */
  invalidate(): void;
}

export function clientCredentialsAuth(credentials: ConsioClientCredentials): ConsioAuth {
  let cached: CachedToken | null = null;
  // Concurrent requests share one login instead of each fetching a token.
  let pending: Promise<CachedToken> | null = null;

  return {
    async headers(fetchFn, baseUrl, signal) {
      if (cached === null || Date.now() >= cached.renewAt) {
        pending ??= fetchToken(credentials, fetchFn, baseUrl, signal).finally(() => {
          pending = null;
        });
        cached = await pending;
      }
      return { Authorization: `Bearer ${cached.accessToken}` };
    },
    invalidate() {
      cached = null;
    },
  };
}
