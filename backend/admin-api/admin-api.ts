import { z } from 'zod';
import type { BridgeResult } from '../../shared/contract/bridge.ts';
import type { AppErrorPayload } from '../../shared/domain/errors.ts';
import type { Caller } from '../db/port.ts';
import { isJsonUtf8 } from '../webhooks/media-type.ts';
import { bearerToken, type SupabaseTokenVerifier } from '../auth/supabase-token.ts';

/**
 * One bridge call is small: the largest inputs (a rule set, an onboarding form) are a few
 * kilobytes. Anything bigger is refused unread.
 */
export const MAX_ADMIN_API_BODY_BYTES = 128 * 1024;

export interface AdminApiRequest {
  method: string;
  headers: { get(name: string): string | null };
  /** Reads the body, up to the cap; null when it is larger. Called only once the token is good. */
  readBody(): Promise<string | null>;
}

/** Every answer is a bridge result, so the console shows a refusal exactly as the embedded host's. */
export interface AdminApiResponse {
  status: number;
  body: BridgeResult;
  headers?: Record<string, string>;
}

export interface AdminApiDeps {
  tokens: SupabaseTokenVerifier;
  /** The router with every handler, run as `caller` (the host builds the rest of the context). */
  dispatch(operation: string, input: unknown, caller: Caller): Promise<BridgeResult>;
}

/** What the console's main process sends for one `consoleBridge.call`. */
const CallBody = z.object({ operation: z.string().min(1).max(100), input: z.unknown() }).strict();

const refuse = (status: number, error: AppErrorPayload, headers?: Record<string, string>): AdminApiResponse => ({
  status,
  body: { ok: false, error },
  ...(headers ? { headers } : {}),
});

const notSignedIn = (): AdminApiResponse =>
  refuse(401, { code: 'not_signed_in', message: 'Your sign-in has ended. Sign in again.', actor: 'org_admin' }, { 'www-authenticate': 'Bearer' });

const badRequest = (status: number, message: string): AdminApiResponse => refuse(status, { code: 'invalid_input', message, actor: 'operator' });

/**
 * `POST /admin-api`: the console's bridge, over HTTPS. The checks, in order:
 *
 * 1. `Authorization: Bearer <the admin's Supabase access token>`, verified here (signature,
 *    issuer, audience, expiry, role): else 401 `not_signed_in`;
 * 2. POST: else 405; 3. JSON: else 415; 4. at most 128 KiB: else 413;
 * 5. `{ operation, input }` and nothing else: else 400.
 *
 * Then the same router as the embedded host validates the operation and its input against the
 * contract and runs the handler as the caller, under row-level security: an answer of 200 with
 * the bridge result, a typed error included. Nothing else reaches the caller: no stack, no SQL.
 */
export async function handleAdminApiRequest(deps: AdminApiDeps, request: AdminApiRequest): Promise<AdminApiResponse> {
  const token = bearerToken(request.headers);
  const user = token ? await deps.tokens.verify(token) : null;
  if (user === null) return notSignedIn();
  if (request.method !== 'POST') return { ...badRequest(405, 'Only POST is served here.'), headers: { allow: 'POST' } };
  if (!isJsonUtf8(request.headers.get('content-type'))) return badRequest(415, 'The request must be JSON.');
  const rawBody = await request.readBody();
  if (rawBody === null) return badRequest(413, 'The request is too large.');

  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return badRequest(400, 'The request is not valid JSON.');
  }
  const call = CallBody.safeParse(json);
  if (!call.success) return badRequest(400, 'The request must name an operation and its input.');
  const result = await deps.dispatch(call.data.operation, call.data.input, { kind: 'user', userId: user.userId, email: user.email });
  return { status: 200, body: result };
}
