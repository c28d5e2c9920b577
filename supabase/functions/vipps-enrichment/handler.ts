import { handleEnrichmentRequest, MAX_ENRICHMENT_BODY_BYTES, type EnrichmentEndpointDeps } from '../../../backend/enrichment/enrichment-endpoint.ts';
import { readCappedBody } from '../../../backend/webhooks/read-body.ts';
import { jsonResponse } from '../_shared/json-response.ts';
import type { FunctionHandler } from '../_shared/serve.ts';

/** Keeps an invocation alive after its answer; Supabase's `EdgeRuntime.waitUntil`, absent under plain Deno. */
export type KeepAlive = (work: Promise<unknown>) => void;

/**
 * The members' app calls this right after a Vipps login, with the member's own Supabase access
 * token, verified in code (see config.toml for why the gateway's check is off). The answer is
 * sent after the first write attempts; retries go on in the background for as long as the
 * invocation may live.
 */
export function createVippsEnrichmentHandler(deps: EnrichmentEndpointDeps & { keepAlive: KeepAlive }): FunctionHandler {
  return async (request) => {
    const declared = Number(request.headers.get('content-length') ?? '0');
    const rawBody = declared > MAX_ENRICHMENT_BODY_BYTES ? null : await readCappedBody(request.body, MAX_ENRICHMENT_BODY_BYTES);
    try {
      const result = await handleEnrichmentRequest(deps, { method: request.method, headers: request.headers, rawBody });
      return jsonResponse(result.status, result.body, result.headers);
    } finally {
      // Whatever the answer, numbers still held are retried for as long as the invocation may live.
      if (deps.service.held > 0) deps.keepAlive(deps.service.drained());
    }
  };
}
