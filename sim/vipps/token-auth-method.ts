import { IncomingMessage, type ServerResponse } from 'node:http';
import type { VippsClientRegistry, VippsTokenEndpointAuthMethod } from './clients.ts';
import { readRequestBody, sendOAuthError } from './http-io.ts';

// oidc-provider's own limit for a token request body.
const bodyLimitBytes = 56 * 1024;

/**
 * Vipps holds each client to the one token endpoint auth method set in the portal, where
 * oidc-provider deliberately accepts either secret method from a client registered with one of
 * them. This reads the token request, refuses a client that used the other method with
 * oidc-provider's own `invalid_client` answer, and otherwise returns a copy of the request for
 * oidc-provider to read. Null when it has answered (or the body was too large to pass on).
 */
export async function holdToRegisteredAuthMethod(
  clients: VippsClientRegistry,
  issuer: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<IncomingMessage | null> {
  if (req.method !== 'POST') return req;
  const body = await readRequestBody(req, bodyLimitBytes);
  if (body === null) {
    sendOAuthError(res, 413, { error: 'invalid_request', error_description: 'request entity too large' });
    return null;
  }

  const used = authMethodUsed(req, body);
  const registered = used === null ? undefined : clients.authMethod(used.clientId);
  if (used !== null && registered !== undefined && registered !== used.method) {
    const answer = { error: 'invalid_client', error_description: 'client authentication failed' };
    // As oidc-provider answers a failed Basic authentication (RFC 6749 §5.2).
    const challenge: Record<string, string> =
      used.method === 'client_secret_basic'
        ? { 'WWW-Authenticate': `Basic realm="${issuer}", error="${answer.error}", error_description="${answer.error_description}"` }
        : {};
    sendOAuthError(res, 401, answer, challenge);
    return null;
  }
  return replay(req, body);
}

type AuthMethodUsed = { method: VippsTokenEndpointAuthMethod; clientId: string };

/** Which secret method the request used and for which client; null when it is neither (oidc-provider judges those). */
function authMethodUsed(req: IncomingMessage, body: Buffer): AuthMethodUsed | null {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const [scheme = '', credentials = ''] = authorization.split(' ');
    if (scheme.toLowerCase() !== 'basic') return null;
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return null;
    try {
      // RFC 6749 §2.3.1: the client id is form-encoded before it is joined with the secret.
      return { method: 'client_secret_basic', clientId: decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' ')) };
    } catch {
      return null;
    }
  }
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) return null;
  const form = new URLSearchParams(body.toString('utf8'));
  const clientId = form.get('client_id');
  return clientId !== null && form.has('client_secret') ? { method: 'client_secret_post', clientId } : null;
}

/** The same request with its body readable again: oidc-provider reads the stream itself. */
function replay(original: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(original.socket);
  copy.method = original.method;
  copy.url = original.url;
  copy.headers = original.headers;
  copy.rawHeaders = original.rawHeaders;
  copy.httpVersion = original.httpVersion;
  copy.httpVersionMajor = original.httpVersionMajor;
  copy.httpVersionMinor = original.httpVersionMinor;
  // Marks the body as whole: an incomplete request that ends is taken as aborted, and its socket cut.
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}
