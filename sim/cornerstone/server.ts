import type { EvolvePlan, EvolveResult, RegistrySimLevers } from '../shared/registry-sim.ts';
import { startSimHttpServer } from '../shared/sim-http-server.ts';
import { emptyStats, servedMember, type CornerstoneSimStats, type SimContext } from './context.ts';
import { defaultCornerstoneSimCredentials, TokenStore, type CornerstoneSimCredentials } from './credentials.ts';
import { evolveRegister } from './evolve.ts';
import { FaultPlan, type FailNextOptions } from './faults.ts';
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
  /** Whether this organization's Cornerstone offers webhooks (reported by /api/v1/organization). Default true. */
  webhooksAvailable?: boolean;
}

export interface CornerstoneSim extends RegistrySimLevers {
  readonly credentials: Readonly<CornerstoneSimCredentials>;
  readonly organization: Readonly<{ id: string; name: string; features: { webhooks: boolean } }>;
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
    features: Object.freeze({ webhooks: options.webhooksAvailable ?? true }),
  });
  const ctx: SimContext = {
    register,
    organization,
    webhooks: { configure: (target) => webhooks.configure(target), url: () => webhooks.targetUrl },
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

  const http = await startSimHttpServer({
    port: options.port ?? 0,
    isDown: () => faults.down,
    latencyMs: () => faults.latencyMs,
    onDropped: () => stats.droppedConnections++,
    onRequest: () => stats.requests++,
    handle: (req, res) => route(ctx, req, res),
    onInternalError: (res) => sendError(res, 500, 'server_error', 'Internal error'),
  });

  let closing: Promise<void> | null = null;

  return {
    url: http.url,
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
      if (down) http.resetConnections();
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
      closing ??= Promise.all([webhooks.close(), http.close()]).then(() => undefined);
      return closing;
    },
  };
}
