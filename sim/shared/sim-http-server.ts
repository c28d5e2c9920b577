import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * The HTTP server lifecycle a registry simulator needs: listen on 127.0.0.1, cut every connection
 * while "down", delay answers by a latency, and close without waiting on keep-alive clients.
 * The simulator supplies the routing and the fault state.
 */
export interface SimHttpServerOptions {
  /** 0 picks a free port. */
  port: number;
  isDown(): boolean;
  latencyMs(): number;
  /** Counts each connection or request cut while down. */
  onDropped(): void;
  /** Counts each request that reached the server. */
  onRequest(): void;
  /** Handles one request; a rejection is answered by `onInternalError` or a cut connection. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  onInternalError(res: ServerResponse): void;
}

export interface SimHttpServer {
  readonly url: string;
  /** Resets open connections: idle keep-alive sockets would otherwise still reach a "down" server. */
  resetConnections(): void;
  close(): Promise<void>;
}

export async function startSimHttpServer(options: SimHttpServerOptions): Promise<SimHttpServer> {
  const sockets = new Set<Socket>();
  const pendingResponses = new Set<NodeJS.Timeout>();

  const dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    if (res.destroyed) return;
    options.handle(req, res).catch(() => {
      // Never echo internal errors; a half-written response can only be cut.
      if (res.headersSent) res.destroy();
      else options.onInternalError(res);
    });
  };

  const server = createServer((req, res) => {
    options.onRequest();
    if (options.isDown()) {
      options.onDropped();
      req.socket.resetAndDestroy();
      return;
    }
    const latency = options.latencyMs();
    if (latency === 0) return dispatch(req, res);
    const timer = setTimeout(() => {
      pendingResponses.delete(timer);
      dispatch(req, res);
    }, latency);
    pendingResponses.add(timer);
  });

  server.on('connection', (socket: Socket) => {
    // A reset, not a clean close: fetch retries a connection that closes cleanly before the
    // request is written, and would hang until its timeout instead of seeing the outage.
    if (options.isDown()) {
      options.onDropped();
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    resetConnections() {
      for (const socket of sockets) socket.resetAndDestroy();
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of pendingResponses) clearTimeout(timer);
        pendingResponses.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
