import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { EvolvePlan, EvolveResult, RegistrySimLevers } from '../shared/registry-sim.ts';
import { emptyStats, servedMember, type CornerstoneSimStats, type SimContext } from './context.ts';
import { defaultCornerstoneSimCredentials, TokenStore, type CornerstoneSimCredentials } from './credentials.ts';
import { evolveRegister } from './evolve.ts';
import { FaultPlan, type FailNextOptions, type MalformedBody } from './faults.ts';
import { sendError } from './http-io.ts';
import { InvalidRecordPlan } from './invalid-records.ts';
import { MemberRegister } from './member-register.ts';
import { mixSeed, mulberry32 } from './prng.ts';
import { RateLimitPlan } from './rate-limit.ts';
import type { CornerstoneMemberPatch, CornerstoneMemberRecord, CornerstoneWireMember } from './records.ts';
import { route } from './router.ts';
import { TransientFailurePlan } from './transient-failures.ts';
import { WebhookDispatcher, type WebhookDeliveryOptions, type WebhookDeliveryStats, type WebhookTarget } from './webhook-dispatcher.ts';
import { webhookEventFor } from './webhook-events.ts';

export { signCornerstoneWebhook } from './webhook-signature.ts';
export type { CornerstoneWebhookEvent } from './webhook-events.ts';
export type { WebhookDeliveryStats, WebhookTarget } from './webhook-dispatcher.ts';

const evolveSalt = 0xe7017e;

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
  /** Retry backoff and per-attempt timeout of webhook deliveries. */
  webhooks?: WebhookDeliveryOptions;
}

export interface CornerstoneSim extends RegistrySimLevers {
  readonly credentials: Readonly<CornerstoneSimCredentials>;
  readonly organization: Readonly<{ id: string; name: string }>;
  readonly seed: number;
  /** Members the register holds now (removed ones not counted). */
  readonly memberCount: number;
  /** A snapshot of the request counters. */
  readonly stats: Readonly<CornerstoneSimStats>;
  resetStats(): void;
  /** How many members have been generated (member ids CS-0000001 up to it). A setup lever: sends no webhooks. */
  setMemberCount(count: number): void;
  /**
   * The member at a 0-based index (CS-0000001 is 0), personnummer included (tests only). This is
   * the register's record; the invalid-record lever changes only how the API serves it. Throws
   * RangeError for a removed member.
   */
  member(index: number): CornerstoneMemberRecord;
  /** Changes a member as a Cornerstone user would: lastModified moves to now and a webhook is sent. */
  updateMember(index: number, patch: CornerstoneMemberPatch): CornerstoneMemberRecord;
  /** Every member the register holds now, in member-id order, exactly as the API serves it. */
  records(): Iterable<CornerstoneWireMember>;
  /** Where to send signed change events; null stops them and drops what is queued. */
  configureWebhooks(target: WebhookTarget | null): void;
  /** A snapshot of the webhook delivery counters. */
  readonly webhookStats: Readonly<WebhookDeliveryStats>;
  /** Resolves when every queued delivery has succeeded or been given up (releases a partial reorder batch). */
  flushWebhooks(): Promise<void>;
  /** The next `count` events are each delivered twice. */
  duplicateNextWebhooks(count: number): void;
  /** The next `count` events are held, then delivered in reverse order. */
  reorderNextWebhooks(count: number): void;
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
  /** Clears queued faults, down and latency, the transient failure rate and the rate limit. */
  resetFaults(): void;
}

export async function startCornerstoneSim(options: CornerstoneSimOptions): Promise<CornerstoneSim> {
  const seed = options.seed ?? 1;
  const register = new MemberRegister(seed, options.memberCount);
  const faults = new FaultPlan();
  const rateLimit = new RateLimitPlan();
  const transientFailures = new TransientFailurePlan(seed);
  const invalidRecords = new InvalidRecordPlan(seed);
  const evolveRng = mulberry32(mixSeed(seed, evolveSalt));
  const webhooks = new WebhookDispatcher(options.webhooks);
  register.onChange((change) => webhooks.publish(webhookEventFor(change, (index, record) => invalidRecords.serve(index, record))));
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
    rateLimit,
    transientFailures,
    invalidRecords,
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
    resetFaults() {
      faults.clear();
      transientFailures.setRate(0);
      rateLimit.set(null);
    },
    setTransientFailureRate: (rate) => transientFailures.setRate(rate),
    setRateLimit: (limit) => rateLimit.set(limit),
    setInvalidRecordRate: (rate) => invalidRecords.setRate(rate),
    isInvalidRecord: (externalId) => invalidRecords.isInvalidMemberId(externalId),
    evolve: (plan: EvolvePlan): EvolveResult => evolveRegister(register, evolveRng, plan),
    *records() {
      for (const index of register.allListedIndexes()) yield servedMember(ctx, index);
    },
    configureWebhooks: (target) => webhooks.configure(target),
    get webhookStats() {
      return webhooks.stats;
    },
    flushWebhooks: () => webhooks.flush(),
    duplicateNextWebhooks: (count) => webhooks.duplicateNext(count),
    reorderNextWebhooks: (count) => webhooks.reorderNext(count),
    close() {
      closing ??= Promise.all([
        webhooks.close(),
        new Promise<void>((resolve) => {
          for (const timer of pendingResponses) clearTimeout(timer);
          pendingResponses.clear();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
      ]).then(() => undefined);
      return closing;
    },
  };
}
