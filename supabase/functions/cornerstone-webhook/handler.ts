import type { WebhookDeps } from '../../../backend/webhooks/cornerstone-webhook.ts';
import { handleCornerstoneWebhook } from '../../../backend/webhooks/cornerstone-webhook.ts';
import { MAX_WEBHOOK_BODY_BYTES, readCappedBody } from '../../../backend/webhooks/read-body.ts';
import { webhookIntegrationSegment } from '../../../backend/webhooks/webhook-path.ts';
import { jsonResponse } from '../_shared/json-response.ts';
import type { FunctionHandler } from '../_shared/serve.ts';

/**
 * The vendor's delivery: it carries no JWT, so the gateway's check is off for this function
 * (supabase/config.toml) and the HMAC signature over timestamp and body is the authentication,
 * checked by the shared handler before anything in the body is used.
 */
export function createCornerstoneWebhookHandler(deps: WebhookDeps): FunctionHandler {
  return async (request) => {
    // Supabase serves the function at /functions/v1/cornerstone-webhook/…; the path is not
    // percent-decoded (webhook-path.ts), so a malformed escape is a 404, not a thrown URIError.
    const integrationId = webhookIntegrationSegment(new URL(request.url).pathname);
    if (integrationId === null) return jsonResponse(404, { ok: false, error: 'unknown_integration' });
    // The same answer as the Node receiver's, in the webhook's { ok, error } shape.
    if (request.method !== 'POST') return jsonResponse(405, { ok: false, error: 'method_not_allowed' }, { allow: 'POST' });
    const declared = Number(request.headers.get('content-length') ?? '0');
    const rawBody = declared > MAX_WEBHOOK_BODY_BYTES ? null : await readCappedBody(request.body);
    const result = await handleCornerstoneWebhook(deps, {
      integrationId,
      headers: request.headers,
      rawBody,
    });
    return jsonResponse(result.status, result.body);
  };
}
