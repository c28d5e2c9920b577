import { createServer, type Server } from 'node:http';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { readCappedBody } from '../webhooks/read-body.ts';
import { handleEnrichmentRequest, MAX_ENRICHMENT_BODY_BYTES, type EnrichmentEndpointDeps } from './enrichment-endpoint.ts';

export const ENRICHMENT_PATH = '/vipps-enrichment';

export interface EnrichmentServer {
  /** e.g. http://127.0.0.1:41234/vipps-enrichment */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The `vipps-enrichment` endpoint on a Node host: the embedded demo, the tests and the benchmark.
 * In production the Edge Function of that name serves the same handler. Nothing a caller sends
 * may throw out of the listener (it runs in the Electron main process): a failure is a bare 500.
 */
export async function startEnrichmentServer(
  deps: EnrichmentEndpointDeps,
  options: { port?: number; onError?: (error: unknown) => void } = {},
): Promise<EnrichmentServer> {
  const server: Server = createServer((request, response) => {
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
      response.end(JSON.stringify(body));
    };
    void (async () => {
      try {
        if ((request.url ?? '').split('?')[0] !== ENRICHMENT_PATH) return reply(404, { ok: false, error: 'not_found' });
        const declared = Number(request.headers['content-length'] ?? '0');
        const rawBody =
          declared > MAX_ENRICHMENT_BODY_BYTES
            ? null
            : await readCappedBody(Readable.toWeb(request) as ReadableStream<Uint8Array>, MAX_ENRICHMENT_BODY_BYTES);
        const headers = { get: (name: string) => request.headers[name.toLowerCase()]?.toString() ?? null };
        const result = await handleEnrichmentRequest(deps, { method: request.method ?? 'GET', headers, rawBody });
        reply(result.status, result.body, result.headers);
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
    url: `http://127.0.0.1:${port}${ENRICHMENT_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
