// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- oidc-provider ships no types; this brings the simulator's own declarations into every program that imports the simulator.
/// <reference path="./oidc-provider.d.ts" />
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import { Provider } from 'oidc-provider/lib/provider.js';
import { FaultQueue } from '../shared/fault-queue.ts';
import { startSimHttpServer } from '../shared/sim-http-server.ts';
import { VippsClientRegistry, type VippsSimClient } from './clients.ts';
import { sendOAuthError } from './http-io.ts';
import { discoveryPath, issuerPath, vippsRoutes } from './paths.ts';
import { clockToleranceSeconds, vippsProviderConfiguration } from './provider-config.ts';
import { createVippsRouter } from './router.ts';
import { generateIdTokenSigningKey } from './signing-key.ts';
import { emptyVippsStats, type VippsSimStats } from './stats.ts';
import { VippsUserDirectory, type VippsUserIntake } from './user-directory.ts';
import type { VippsTestUser } from './users.ts';

export type { VippsTokenEndpointAuthMethod, VippsSimClient } from './clients.ts';
export type { VippsSimStats } from './stats.ts';
export type { VippsUserIntake } from './user-directory.ts';
export type { VippsAddress, VippsTestUser } from './users.ts';

export interface VippsSimOptions {
  clients: VippsSimClient[];
  users?: VippsTestUser[];
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The simulator's clock for the age limit. Default: real time. Token lifetimes always use real time. */
  now?: () => Date;
  /** Salts each user's `sub`: the same sales unit gives the same `sub` on every run, another one a different `sub`. */
  salesUnit?: string;
}

export interface VippsSim {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** `<url>/access-management-1.0/access/`, with the trailing slash, as Vipps's issuer has it. */
  readonly issuer: string;
  readonly discoveryUrl: string;
  readonly userinfoUrl: string;
  /** What became of `options.users`. */
  readonly initialUsers: Readonly<VippsUserIntake>;
  /** A snapshot of the counters. */
  readonly stats: Readonly<VippsSimStats>;
  resetStats(): void;
  /** Adds or replaces users (by phone number). Never throws; the result says who was left out or will be refused. */
  addUsers(users: readonly VippsTestUser[]): VippsUserIntake;
  /** The `sub` this simulator gives the user with this phone number, or null for an unknown number. */
  subFor(phoneNumber: string): string | null;
  /** While down, every connection is reset as soon as it opens. */
  setDown(down: boolean): void;
  /** Delay before every response. */
  setLatency(ms: number): void;
  /** Every access token issued so far stops working at userinfo, as if each user's consent were withdrawn. */
  revokeAll(): Promise<void>;
  close(): Promise<void>;
}

/** Down and latency only: Vipps's failures are outages and slowness, not queued vendor errors. */
class VippsFaults extends FaultQueue<never> {}

export async function startVippsSim(options: VippsSimOptions): Promise<VippsSim> {
  const users = new VippsUserDirectory(options.salesUnit ?? 'vipps-sim-sales-unit', options.now ?? (() => new Date()));
  const initialUsers = Object.freeze(users.add(options.users ?? []));
  const clients = new VippsClientRegistry(options.clients);
  const signingKey = await generateIdTokenSigningKey();
  const adapter = createMemoryAdapter(clockToleranceSeconds);
  const faults = new VippsFaults();
  let stats = emptyVippsStats();
  // The issuer names the port, so oidc-provider can only be built once the server listens.
  let route: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (route === null) return sendOAuthError(res, 503, { error: 'temporarily_unavailable', error_description: 'Starting' });
    return route(req, res);
  };

  const http = await startSimHttpServer({
    port: options.port ?? 0,
    isDown: () => faults.down,
    latencyMs: () => faults.latencyMs,
    onDropped: () => stats.droppedConnections++,
    onRequest: () => stats.requests++,
    handle: handleRequest,
    onInternalError: (res) => sendOAuthError(res, 500, { error: 'server_error', error_description: 'Internal error' }),
  });

  const issuer = `${http.url}${issuerPath}`;
  let provider: Provider;
  try {
    provider = new Provider(
      issuer,
      vippsProviderConfiguration({ clients, users, signingKey, cookieKey: randomBytes(32).toString('base64url'), adapter }),
    );
  } catch (error) {
    await http.close();
    throw error;
  }

  // The memory adapter cannot list what it holds, so the simulator remembers what it issued.
  const issuedAccessTokens = new Set<string>();
  provider.on('access_token.saved', (token) => issuedAccessTokens.add(token.jti));
  provider.on('authorization.success', () => stats.logins++);
  route = createVippsRouter({ provider, clients, users, stats: () => stats });

  return {
    url: http.url,
    issuer,
    discoveryUrl: `${http.url}${discoveryPath}`,
    userinfoUrl: `${http.url}${vippsRoutes.userinfo}`,
    initialUsers,
    get stats() {
      return { ...stats };
    },
    resetStats() {
      stats = emptyVippsStats();
    },
    addUsers: (added) => users.add(added),
    subFor: (phoneNumber) => users.byPhoneNumber(phoneNumber)?.sub ?? null,
    setDown(down) {
      faults.setDown(down);
      if (down) http.resetConnections();
    },
    setLatency: (ms) => faults.setLatency(ms),
    async revokeAll() {
      const store = adapter('AccessToken');
      const revoked = [...issuedAccessTokens];
      issuedAccessTokens.clear();
      await Promise.all(revoked.map((jti) => store.destroy(jti)));
    },
    close: () => http.close(),
  };
}
