import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimContext } from './context.ts';
import { secretEquals } from './credentials.ts';
import { BodyTooLargeError, parseJson, readBody, sendError, sendJson } from './http-io.ts';

const TokenRequest = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  client_id: z.string().min(1),
});

const maxTokenRequestBytes = 16 * 1024;

/** `POST /api/auth/token`: a Cornerstone user's username and password plus the client_id from Kommunion. */
export async function handleTokenRequest(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.stats.tokenRequests++;
  let text: string;
  try {
    text = await readBody(req, maxTokenRequestBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendError(res, 413, 'payload_too_large', 'The request body is too large');
    throw error;
  }

  const parsed = TokenRequest.safeParse(parseJson(text));
  if (!parsed.success) {
    return sendError(res, 400, 'invalid_request', 'Send JSON with username, password and client_id');
  }

  const { username, password, client_id: clientId } = parsed.data;
  // Both checks always run, so the response time does not tell which part was wrong.
  const clientOk = secretEquals(clientId, ctx.credentials.clientId);
  const userOk = secretEquals(username, ctx.credentials.username) && secretEquals(password, ctx.credentials.password);
  if (!clientOk) {
    ctx.stats.unauthorized++;
    return sendError(res, 401, 'invalid_client', 'Unknown client_id');
  }
  if (!userOk) {
    ctx.stats.unauthorized++;
    return sendError(res, 401, 'invalid_grant', 'Wrong username or password');
  }

  sendJson(res, 200, { access_token: ctx.tokens.issue(), token_type: 'Bearer', expires_in: ctx.tokens.ttlSeconds });
}

function bearerToken(header: string | undefined): string | null {
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/** Accepts a valid bearer token or the API key; answers 401 itself and returns false otherwise. */
export function authorize(ctx: SimContext, req: IncomingMessage, res: ServerResponse): boolean {
  const token = bearerToken(req.headers.authorization);
  const apiKey = req.headers['x-api-key'];

  if (token !== null && ctx.tokens.isValid(token)) return true;
  if (typeof apiKey === 'string' && secretEquals(apiKey, ctx.credentials.apiKey)) return true;

  ctx.stats.unauthorized++;
  const message =
    token !== null
      ? 'The access token is invalid or has expired'
      : apiKey !== undefined
        ? 'The API key is not valid'
        : 'Send Authorization: Bearer <token> or X-Api-Key';
  sendError(res, 401, 'unauthorized', message, {
    'WWW-Authenticate': token !== null ? 'Bearer realm="cornerstone", error="invalid_token"' : 'Bearer realm="cornerstone"',
  });
  return false;
}
