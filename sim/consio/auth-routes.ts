import type { IncomingMessage, ServerResponse } from 'node:http';
import { secretEquals } from '../cornerstone/credentials.ts';
import { BodyTooLargeError, readBody, sendJson } from '../cornerstone/http-io.ts';
import type { ConsioSimContext } from './context.ts';
import { sendProblem } from './problem.ts';

/**
 * Consio's OpenID server (`/OpenIdserver`), reduced to the OAuth 2.0 client-credentials grant
 * (RFC 6749 §4.4). Its errors are RFC 6749 §5.2 bodies, not problem details: the token endpoint
 * belongs to the identity server, not to the member API.
 */
export const tokenPath = '/OpenIdserver/connect/token';

const supportedScope = 'members';
const maxTokenRequestBytes = 16 * 1024;

type OAuthError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

function sendOAuthError(res: ServerResponse, status: number, error: OAuthError, description: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error, error_description: description }, { Pragma: 'no-cache', ...headers });
}

interface ClientAuthentication {
  clientId: string;
  clientSecret: string;
  /** client_secret_basic must be refused with 401 and a challenge; client_secret_post with 400. */
  viaBasic: boolean;
}

/** client_secret_basic: RFC 6749 §2.3.1 form-encodes id and secret before base64. */
function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | null | 'malformed' {
  if (header === undefined) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (match?.[1] === undefined) return 'malformed';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    return 'malformed';
  }
}

/** `POST /OpenIdserver/connect/token`, form-encoded. */
export async function handleTokenRequest(ctx: ConsioSimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.stats.tokenRequests++;
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
    return sendOAuthError(res, 400, 'invalid_request', 'The token request must be application/x-www-form-urlencoded');
  }
  let text: string;
  try {
    text = await readBody(req, maxTokenRequestBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendOAuthError(res, 400, 'invalid_request', 'The request body is too large');
    throw error;
  }

  const form = new URLSearchParams(text);
  // RFC 6749 §3.2: request parameters must not be sent more than once.
  for (const name of new Set(form.keys())) {
    if (form.getAll(name).length > 1) return sendOAuthError(res, 400, 'invalid_request', `Parameter ${name} is repeated`);
  }

  const basic = basicCredentials(req.headers.authorization);
  if (basic === 'malformed') return sendOAuthError(res, 400, 'invalid_request', 'Malformed Authorization header');
  const fromBody = form.get('client_id');
  if (basic !== null && (fromBody !== null || form.has('client_secret'))) {
    return sendOAuthError(res, 400, 'invalid_request', 'Use one client authentication method, not two');
  }
  const client: ClientAuthentication | null =
    basic !== null
      ? { ...basic, viaBasic: true }
      : fromBody !== null
        ? { clientId: fromBody, clientSecret: form.get('client_secret') ?? '', viaBasic: false }
        : null;

  const grantType = form.get('grant_type');
  if (grantType === null || client === null) {
    return sendOAuthError(res, 400, 'invalid_request', 'grant_type and client credentials are required');
  }

  // Both checks always run, so the response time does not tell which part was wrong.
  const idOk = secretEquals(client.clientId, ctx.credentials.clientId);
  const secretOk = secretEquals(client.clientSecret, ctx.credentials.clientSecret);
  if (!idOk || !secretOk) {
    ctx.stats.unauthorized++;
    return client.viaBasic
      ? sendOAuthError(res, 401, 'invalid_client', 'Client authentication failed', { 'WWW-Authenticate': 'Basic realm="OpenIdserver"' })
      : sendOAuthError(res, 400, 'invalid_client', 'Client authentication failed');
  }

  if (grantType !== 'client_credentials') {
    return sendOAuthError(res, 400, 'unsupported_grant_type', 'Only client_credentials is supported for API clients');
  }
  // An omitted or empty scope gets the client's default, as RFC 6749 §3.3 allows.
  const requested = form.get('scope')?.trim() ?? '';
  const scopes = (requested === '' ? supportedScope : requested).split(' ').filter((scope) => scope !== '');
  if (scopes.some((scope) => scope !== supportedScope)) {
    return sendOAuthError(res, 400, 'invalid_scope', `This client may only request the ${supportedScope} scope`);
  }

  sendJson(
    res,
    200,
    { access_token: ctx.tokens.issue(), token_type: 'Bearer', expires_in: ctx.tokens.ttlSeconds, scope: supportedScope },
    { Pragma: 'no-cache' },
  );
}

function bearerToken(header: string | undefined): string | null {
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/** Accepts a valid bearer token; answers 401 itself and returns false otherwise. */
export function authorize(ctx: ConsioSimContext, req: IncomingMessage, res: ServerResponse): boolean {
  const token = bearerToken(req.headers.authorization);
  if (token !== null && ctx.tokens.isValid(token)) return true;

  ctx.stats.unauthorized++;
  // RFC 6750 §3: a request without a token gets a bare challenge; a bad token gets invalid_token.
  const challenge = token === null ? 'Bearer' : 'Bearer error="invalid_token", error_description="The access token is invalid or has expired"';
  sendProblem(
    res,
    401,
    {
      detail:
        token === null ? 'Send Authorization: Bearer <access token> from /OpenIdserver/connect/token' : 'The access token is invalid or has expired',
    },
    { 'WWW-Authenticate': challenge },
  );
  return false;
}
