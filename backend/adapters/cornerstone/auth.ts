import { SourceError } from '../member-source.ts';
import { endpoint } from './base-url.ts';
import { credentialsRejectedMessage, failureForStatus, vendorErrorCode, vendorFormatFailure } from './errors.ts';
import { requestCornerstone } from './http.ts';
import { CornerstoneToken } from './schema.ts';

/**
 * How requests to Cornerstone are authenticated. The product brief says API keys; the only public
 * Cornerstone article describes a user's username and password plus a client_id from Kommunion.
 * Both exist until Kommunion confirms which one its member API uses.
 */
export interface CornerstoneAuth {
  readonly kind: 'api_key' | 'user_password_client';
  /** Whether a 401 can be cured by fetching new credentials (a token can; a key cannot). */
  readonly refreshable: boolean;
  /** What to tell the administrator when Cornerstone answers 401. */
  readonly rejectionMessage: string;
  headers(fetchFn: typeof fetch, baseUrl: URL, signal: AbortSignal): Promise<Record<string, string>>;
  /** Drops cached credentials so the next request fetches new ones. */
  invalidate(): void;
}

export function apiKeyAuth(apiKey: string): CornerstoneAuth {
  return {
    kind: 'api_key',
    refreshable: false,
    rejectionMessage: 'Cornerstone rejected the API key. Check the key in the integration settings, or ask Kommunion for a new one.',
    headers: () => Promise.resolve({ 'X-Api-Key': apiKey }),
    invalidate: () => undefined,
  };
}

export interface UserPasswordClientCredentials {
  username: string;
  password: string;
  clientId: string;
}

const tokenRejections: Readonly<Record<string, string>> = {
  invalid_client:
    'Cornerstone did not recognise the client ID. Check the client ID you received from Kommunion in the integration settings.',
  invalid_grant:
    'Cornerstone rejected the username or password. Check them in the integration settings, and that the Cornerstone API user still exists.',
};

// Without expires_in, assume a short life rather than reuse a token until it fails.
const defaultTokenLifetimeSeconds = 300;

interface CachedToken {
  accessToken: string;
  renewAt: number;
}

async function fetchToken(
  credentials: UserPasswordClientCredentials,
  fetchFn: typeof fetch,
  baseUrl: URL,
  signal: AbortSignal,
): Promise<CachedToken> {
  const response = await requestCornerstone(
    fetchFn,
    {
      method: 'POST',
      url: endpoint(baseUrl, '/api/auth/token'),
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: credentials.username, password: credentials.password, client_id: credentials.clientId }),
    },
    signal,
  );

  const body = response.body.kind === 'json' ? response.body.value : undefined;
  if (response.status === 400 || response.status === 401) {
    const message = tokenRejections[vendorErrorCode(body) ?? ''] ?? credentialsRejectedMessage;
    throw new SourceError('source_auth_failed', message, { actor: 'org_admin', retryable: false });
  }
  const failure = failureForStatus(response.status, response.headers, credentialsRejectedMessage);
  if (failure) throw failure;

  const token = CornerstoneToken.safeParse(body);
  if (!token.success) throw vendorFormatFailure('the login answer has no usable access token');
  const lifetime = token.data.expires_in ?? defaultTokenLifetimeSeconds;
  // Renew a little early so a token does not expire between the check and the request.
  const margin = Math.min(60, lifetime / 10);
  return { accessToken: token.data.access_token, renewAt: Date.now() + (lifetime - margin) * 1000 };
}

/** Logs in with a Cornerstone user and Kommunion's client_id, caching the bearer token until it nears expiry. */
export function userPasswordClientAuth(credentials: UserPasswordClientCredentials): CornerstoneAuth {
  let cached: CachedToken | null = null;
  // Concurrent page requests share one login instead of each fetching a token.
  let pending: Promise<CachedToken> | null = null;

  return {
    kind: 'user_password_client',
    refreshable: true,
    rejectionMessage: credentialsRejectedMessage,
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
