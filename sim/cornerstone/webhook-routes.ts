import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimContext } from './context.ts';
import { BodyTooLargeError, parseJson, readBody, sendError, sendJson } from './http-io.ts';

const Subscription = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    secret: z.string().min(16).max(500),
  })
  .strict();

/**
 * `/api/v1/webhooks/subscription`: where an organization's Cornerstone sends its change notices,
 * and the secret it signs them with. What a Cornerstone administrator sets up in Cornerstone's
 * own settings, as an API. `PUT` sets it, `GET` shows the address (never the secret), `DELETE`
 * stops deliveries. An organization without webhooks gets 403.
 */
export async function handleWebhookSubscription(ctx: SimContext, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!ctx.organization.features.webhooks) {
    return sendError(res, 403, 'forbidden', 'Webhooks are not available for this organization');
  }
  if (method === 'GET') return sendJson(res, 200, { url: ctx.webhooks.url() });
  if (method === 'DELETE') {
    ctx.webhooks.configure(null);
    res.writeHead(204).end();
    return;
  }
  if (method !== 'PUT') {
    res.setHeader('Allow', 'GET, PUT, DELETE');
    return sendError(res, 405, 'method_not_allowed', 'Use GET, PUT or DELETE');
  }
  let text: string;
  try {
    text = await readBody(req, 8_192);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendError(res, 413, 'payload_too_large', 'The request body is too large');
    throw error;
  }
  const parsed = Subscription.safeParse(parseJson(text));
  if (!parsed.success) return sendError(res, 400, 'invalid_request', 'Send { url, secret }: an http(s) URL and a secret of at least 16 characters');
  ctx.webhooks.configure(parsed.data);
  sendJson(res, 200, { url: parsed.data.url });
}
