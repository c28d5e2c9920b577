import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { emptyStats, type CornerstoneSimStats, type SimContext } from './context.ts';
import { defaultCornerstoneSimCredentials, TokenStore, type CornerstoneSimCredentials } from './credentials.ts';
import { FaultPlan, type FailNextOptions, type MalformedBody } from './faults.ts';
import { sendError } from './http-io.ts';
import { MemberRegister } from './member-register.ts';
import type { CornerstoneMemberPatch, CornerstoneMemberRecord } from './records.ts';
import { route } from './router.ts';

export interface CornerstoneSimOptions {
  memberCount: number;
  /** Same seed, same members. Default 1. */
  seed?: number;
  organizationName?: string;
  credentials?: CornerstoneSimCredentials;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Lifetime of issued bearer tokens. Default 3600. */
  tokenTtlSeconds?: number;
}

export interface CornerstoneSim {
  /** Base URL, e.g. `http://127.0.0.1:41234`, without a trailing slash. */
  readonly url: string;
  readonly credentials: Readonly<CornerstoneSimCredentials>;
  readonly organization: Readonly<{ id: string; name: string }>;
  readonly seed: number;
  readonly memberCount: number;
  /** A snapshot of the request counters. */
  readonly stats: Readonly<CornerstoneSimStats>;
  resetStats(): void;
  setMemberCount(count: number): void;
  /** The member at a 0-based index exactly as the API serves it, personnummer included (tests only). */
  member(index: number): CornerstoneMemberRecord;
  updateMember(index: number, patch: CornerstoneMemberPatch): CornerstoneMemberRecord;
  /** The next `count` data requests get `status` (429 carries Retry-After). */
  failNext(count: number, status: number, options?: FailNextOptions): void;
  /** The next `count` data requests get a 200 with an HTML page or a JSON body of the wrong shape. */
  malformedNext(count: number, body: MalformedBody): void;
  /** While down, every connection is reset as soon as it opens. */
  setDown(down: boolean): void;
  /** Delay before every response. */
  setLatency(ms: number): void;
  /** Invalidates every issued token, as a password change or vendor restart would. */
  revokeTokens(): void;
  /** Clears queued faults, down and latency. */
  resetFaults(): void;
  close(): Promise<void>;
}

export async function startCornerstoneSim(options: CornerstoneSimOptions): Promise<CornerstoneSim> {
  const seed = options.seed ?? 1;
  const register = new MemberRegister(seed, options.memberCount);
  const faults = new FaultPlan();
  let stats = emptyStats();
  const credentials = Object.freeze({ ...(options.credentials ?? defaultCornerstoneSimCredentials) });
  const organization = Object.freeze({
    id: `cs-org-${seed}`,
    name: options.organizationName ?? 'Frivillighetsforbundet Demo',
  });
  const ctx: SimContext = {
    register,
    organization,
    credentials,
    tokens: new TokenStore(options.tokenTtlSeconds ?? 3600),
    faults,
    get stats() {
      return stats;
    },
  };

  const sockets = new Set<Socket>();
  const pendingResponses = new Set<NodeJS.Timeout>();

  const dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    if (res.destroyed) return;
    route(ctx, req, res).catch(() => {
      // Never echo internal errors; a half-written response can only be cut.
      if (res.headersSent) res.destroy();
      else sendError(res, 500, 'server_error', 'Internal error');
    });
  };

  const server = createServer((req, res) => {
    stats.requests++;
    if (faults.down) {
      stats.droppedConnections++;
      req.socket.resetAndDestroy();
      return;
    }
    if (faults.latencyMs === 0) return dispatch(req, res);
    const timer = setTimeout(() => {
      pendingResponses.delete(timer);
      dispatch(req, res);
    }, faults.latencyMs);
    pendingResponses.add(timer);
  });

  server.on('connection', (socket: Socket) => {
    // A reset, not a clean close: fetch retries a connection that closes cleanly before the
    // request is written, and would hang until its timeout instead of seeing the outage.
    if (faults.down) {
      stats.droppedConnections++;
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | null = null;

  return {
    url: `http://127.0.0.1:${port}`,
    credentials,
    organization,
    seed,
    get memberCount() {
      return register.count;
    },
    get stats() {
      return { ...stats };
    },
    resetStats() {
      stats = emptyStats();
    },
    setMemberCount: (count) => register.setCount(count),
    member: (index) => register.at(index),
    updateMember: (index, patch) => register.update(index, patch),
    failNext: (count, status, failOptions) => faults.failNext(count, status, failOptions),
    malformedNext: (count, body) => faults.malformedNext(count, body),
    setDown(down) {
      faults.setDown(down);
      // Idle keep-alive connections would otherwise still reach a "down" server.
      if (down) for (const socket of sockets) socket.resetAndDestroy();
    },
    setLatency: (ms) => faults.setLatency(ms),
    revokeTokens: () => ctx.tokens.revokeAll(),
    resetFaults: () => faults.clear(),
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
