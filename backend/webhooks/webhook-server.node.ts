import { createServer, type Server } from 'node:http';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
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
 * In the demo it runs in the Electron main process, so nothing a caller sends may throw out of
 * the request listener: every step is inside the one try, and a failure is a bare 500.
 */
export async function startWebhookServer(
  deps: WebhookDeps,
  options: { port?: number; onError?: (error: unknown) => void } = {},
): Promise<WebhookServer> {
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    void (async () => {
      try {
        const integrationId = webhookIntegrationSegment((request.url ?? '').split('?')[0] ?? '');
        if (integrationId === null) return reply(404, { ok: false, error: 'not_found' });
        if (request.method !== 'POST') return reply(405, { ok: false, error: 'method_not_allowed' }, { allow: 'POST' });
        const rawBody = await readCappedBody(Readable.toWeb(request) as ReadableStream<Uint8Array>);
        const headers = { get: (name: string) => request.headers[name.toLowerCase()]?.toString() ?? null };
        const result = await handleCornerstoneWebhook(deps, { integrationId, headers, rawBody });
        reply(result.status, result.body);
      } catch (error) {
        options.onError?.(error);
        if (!response.headersSent) reply(500, { ok: false, error: 'internal' });
        else response.destroy();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
