import { SourceError } from '../member-source.ts';
import { endpoint } from '../shared/base-url.ts';
import { requestVendor } from '../shared/http-exchange.ts';
import { credentialsRejectedMessage, failureForStatus, vendorErrorCode, vendorFormatFailure } from './errors.ts';
import { CornerstoneToken } from './schema.ts';
import { cornerstone } from './vendor.ts';

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
  invalid_client: 'Cornerstone did not recognise the client ID. Check the client ID you received from Kommunion in the integration settings.',
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
  const response = await requestVendor(
    cornerstone,
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
    const vendorCode = vendorErrorCode(body) ?? '';
    const message = tokenRejections[vendorCode] ?? credentialsRejectedMessage;
    const refusal = vendorCode === 'invalid_client' ? 'unknown_client' : 'wrong_password';
    throw new SourceError('source_auth_failed', message, { actor: 'org_admin', retryable: false, refusal });
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

/** Rejects with the signal's reason when it aborts; otherwise settles as `promise` does. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as unknown);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as unknown);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** A login in flight that several requests wait on. */
interface SharedLogin {
  readonly token: Promise<CachedToken>;
  readonly controller: AbortController;
  waiters: number;
}

/** Logs in with a Cornerstone user and Kommunion's client_id, caching the bearer token until it nears expiry. */
export function userPasswordClientAuth(credentials: UserPasswordClientCredentials): CornerstoneAuth {
  let cached: CachedToken | null = null;
  // Concurrent page requests share one login instead of each fetching a token. The login runs
  // on its own signal, not on the first caller's: one caller giving up must not fail the others.
  // It is aborted only when every caller waiting on it has given up.
  let pending: SharedLogin | null = null;

  function startLogin(fetchFn: typeof fetch, baseUrl: URL): SharedLogin {
    const controller = new AbortController();
    const login: SharedLogin = {
      controller,
      waiters: 0,
      token: fetchToken(credentials, fetchFn, baseUrl, controller.signal).then((token) => {
        cached = token;
        return token;
      }),
    };
    // Each waiter sees a failure for itself; this branch only keeps it from being unhandled.
    void login.token
      .catch(() => undefined)
      .finally(() => {
        if (pending === login) pending = null;
      });
    return login;
  }

  return {
    kind: 'user_password_client',
    refreshable: true,
    rejectionMessage: credentialsRejectedMessage,
    async headers(fetchFn, baseUrl, signal) {
      let token = cached;
      if (token === null || Date.now() >= token.renewAt) {
        const login = pending ?? startLogin(fetchFn, baseUrl);
        pending = login;
        login.waiters++;
        try {
          token = await untilAborted(login.token, signal);
        } finally {
          login.waiters--;
          if (login.waiters === 0 && signal.aborted && pending === login) {
            // Nobody is left waiting: stop the login, and let the next caller start a fresh one.
            pending = null;
            login.controller.abort(signal.reason);
          }
        }
      }
      return { Authorization: `Bearer ${token.accessToken}` };
    },
    invalidate() {
      cached = null;
    },
  };
}
