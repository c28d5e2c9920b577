import { startLoopbackServer } from '../http/loopback-server.node.ts';
import { handleCornerstoneWebhook, type WebhookDeps } from './cornerstone-webhook.ts';
import { readCappedBody } from './read-body.ts';
import { webhookIntegrationSegment } from './webhook-path.ts';

export interface WebhookServer {
  /** e.g. http://127.0.0.1:41234; a registry posts to `${url}/cornerstone-webhook/<integration id>`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The Cornerstone webhook endpoint on a Node host: the embedded demo, the tests and the
 * benchmark. In production the `cornerstone-webhook` Edge Function serves the same handler.
 */
export function startWebhookServer(deps: WebhookDeps, options: { port?: number; onError?: (error: unknown) => void } = {}): Promise<WebhookServer> {
  return startLoopbackServer(async (request) => {
    const integrationId = webhookIntegrationSegment(request.path);
    if (integrationId === null) return { status: 404, body: { ok: false, error: 'not_found' } };
    if (request.method !== 'POST') return { status: 405, body: { ok: false, error: 'method_not_allowed' }, headers: { allow: 'POST' } };
    const rawBody = await readCappedBody(request.body);
    return handleCornerstoneWebhook(deps, { integrationId, headers: request.headers, rawBody });
  }, options);
}
