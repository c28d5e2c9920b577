import { z } from 'zod';
import { isJsonUtf8 } from '../webhooks/media-type.ts';
import { bearerToken, type SupabaseTokenVerifier } from '../auth/supabase-token.ts';
import { LoginRefused, type EnrichmentResult, type EnrichmentService } from './enrichment-service.ts';
import { UserinfoError } from './vipps-userinfo.ts';

/** A Vipps access token is well under this; anything bigger is refused unread. */
export const MAX_ENRICHMENT_BODY_BYTES = 8 * 1024;

export interface EnrichmentRequest {
  method: string;
  headers: { get(name: string): string | null };
  /** Null when the body was larger than the cap and was not read. */
  rawBody: string | null;
}

export type EnrichmentErrorCode =
  | 'unauthorized'
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'invalid_request'
  | 'vipps_token_rejected'
  | 'vipps_account_mismatch'
  | 'nin_not_granted'
  | 'vipps_unavailable';

export interface EnrichmentResponse {
  status: number;
  body: ({ ok: true } & EnrichmentResult) | { ok: false; error: EnrichmentErrorCode };
  headers?: Record<string, string>;
}

export interface EnrichmentEndpointDeps {
  service: EnrichmentService;
  appTokens: SupabaseTokenVerifier;
}

/** What the app sends: the member's Vipps access token, fresh from the login. Never the number. */
const EnrichmentBody = z.object({ vippsAccessToken: z.string().min(16).max(4096) }).strict();

const refuse = (status: number, error: EnrichmentErrorCode, headers?: Record<string, string>): EnrichmentResponse => ({
  status,
  body: { ok: false, error },
  ...(headers ? { headers } : {}),
});

const userinfoAnswers = {
  token_rejected: [403, 'vipps_token_rejected'],
  nin_missing: [422, 'nin_not_granted'],
  unavailable: [502, 'vipps_unavailable'],
} as const satisfies Record<UserinfoError['problem'], readonly [number, EnrichmentErrorCode]>;

/**
 * `POST /vipps-enrichment`, called by the members' app right after a member signs in with Vipps:
 * the same in the Edge Function and the Node host. The checks, in order:
 *
 * 1. `Authorization: Bearer <the app user's Supabase access token>`, verified here: else 401;
 * 2. POST: else 405; 3. JSON: else 415; 4. at most 8 KiB: else 413;
 * 5. `{ "vippsAccessToken": "…" }` and nothing else: else 400;
 * 6. Vipps's userinfo knows the token (403 `vipps_token_rejected`), it carries `nin` (422
 *    `nin_not_granted`), and Vipps answered (502 `vipps_unavailable`);
 * 7. the Vipps account is the one the app user signs in with: else 403 `vipps_account_mismatch`.
 *
 * Then `200` with what happened, in counts. Nothing in an answer or a log line comes from Vipps.
 */
export async function handleEnrichmentRequest(deps: EnrichmentEndpointDeps, request: EnrichmentRequest): Promise<EnrichmentResponse> {
  const bearer = bearerToken(request.headers);
  const appUser = bearer ? await deps.appTokens.verify(bearer) : null;
  if (appUser === null) return refuse(401, 'unauthorized', { 'www-authenticate': 'Bearer' });
  const appUserId = appUser.userId;
  if (request.method !== 'POST') return refuse(405, 'method_not_allowed', { allow: 'POST' });
  if (!isJsonUtf8(request.headers.get('content-type'))) return refuse(415, 'unsupported_media_type');
  if (request.rawBody === null) return refuse(413, 'payload_too_large');

  let json: unknown;
  try {
    json = JSON.parse(request.rawBody);
  } catch {
    return refuse(400, 'invalid_request');
  }
  const body = EnrichmentBody.safeParse(json);
  if (!body.success) return refuse(400, 'invalid_request');

  try {
    const result = await deps.service.enrich({ appUserId, vippsAccessToken: body.data.vippsAccessToken });
    return { status: 200, body: { ok: true, ...result } };
  } catch (error) {
    if (error instanceof LoginRefused) return refuse(403, 'vipps_account_mismatch');
    if (!(error instanceof UserinfoError)) throw error;
    const [status, code] = userinfoAnswers[error.problem];
    return refuse(status, code);
  }
}
