import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';

export interface JsonAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What a route gets of a request: its path, method and headers, and its body as a Web stream. */
export interface LoopbackRequest {
  path: string;
  method: string;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array>;
}

export interface LoopbackServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  close(): Promise<void>;
}

function toLoopbackRequest(request: IncomingMessage): LoopbackRequest {
  return {
    path: (request.url ?? '').split('?')[0] ?? '',
    method: request.method ?? 'GET',
    headers: { get: (name) => request.headers[name.toLowerCase()]?.toString() ?? null },
    body: Readable.toWeb(request) as ReadableStream<Uint8Array>,
  };
}

/**
 * A JSON endpoint on 127.0.0.1 for the Node hosts (the embedded demo, the tests, the benchmark)
 * of what runs as an Edge Function in production. It runs in the Electron main process, so
 * nothing a caller sends may throw out of the request listener: a failure is a bare 500.
 */
export async function startLoopbackServer(
  route: (request: LoopbackRequest) => Promise<JsonAnswer>,
  options: { port?: number; onError?: (error: unknown) => void } = {},
): Promise<LoopbackServer> {
  const server: Server = createServer((request, response) => {
    const reply = ({ status, body, headers = {} }: JsonAnswer) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
      response.end(JSON.stringify(body));
    };
    route(toLoopbackRequest(request)).then(reply, (error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) reply({ status: 500, body: { ok: false, error: 'internal' } });
      else response.destroy();
    });
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
