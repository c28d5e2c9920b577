import { TokenStore } from '../cornerstone/credentials.ts';
import { mulberry32 } from '../cornerstone/prng.ts';
import type { EvolvePlan, EvolveResult, RegistrySimLevers } from '../shared/registry-sim.ts';
import { startSimHttpServer } from '../shared/sim-http-server.ts';
import {
  defaultConsioSimCredentials,
  emptyConsioStats,
  type ConsioOrganization,
  type ConsioSimContext,
  type ConsioSimCredentials,
  type ConsioSimStats,
} from './context.ts';
import { evolveRegister } from './evolve.ts';
import { ConsioFaultPlan, type FailNextOptions } from './faults.ts';
import { InvalidRecordPolicy } from './invalid-records.ts';
import { ConsioMemberRegister } from './member-register.ts';
import { syntheticOrganizationNumber } from './organization-number.ts';
import { sendProblem } from './problem.ts';
import { indexForActNo, type ConsioMemberPatch, type ConsioMemberRecord } from './records.ts';
import { route } from './router.ts';

export interface ConsioSimOptions {
  memberCount: number;
  /** Same seed, same members, same faults. Default 1. */
  seed?: number;
  organizationName?: string;
  credentials?: ConsioSimCredentials;
  /** Whether Consio offers webhooks to this organisation. Default false: many do not have them. */
  webhooks?: boolean;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Lifetime of issued access tokens. Default 3600. */
  tokenTtlSeconds?: number;
}

export interface ConsioSimStatsSnapshot extends ConsioSimStats {
  /** Members built from (seed, index) so far; a page of n costs about n, whatever the register's size. */
  membersGenerated: number;
}

export interface ConsioSim extends RegistrySimLevers {
  readonly credentials: Readonly<ConsioSimCredentials>;
  readonly organization: Readonly<ConsioOrganization>;
  readonly seed: number;
  /** Members the register holds now. */
  readonly memberCount: number;
  /** A snapshot of the request counters. */
  readonly stats: Readonly<ConsioSimStatsSnapshot>;
  resetStats(): void;
  /** The member at a 0-based index exactly as the API serves it, ssn included (tests only). */
  member(index: number): ConsioMemberRecord;
  /** Changes a member directly, as a Consio user would; changedTime moves to now unless the patch sets it. */
  updateMember(index: number, patch: ConsioMemberPatch): ConsioMemberRecord;
  /** Every member the register holds, in actNo order, exactly as served (invalid ones included). */
  records(): Iterable<ConsioMemberRecord>;
  /** The register index for a member number, or null for one never issued. */
  indexOf(actNo: number): number | null;
  /** The next `count` data requests get `status`; Retry-After is an HTTP-date unless told otherwise. */
  failNext(count: number, status: number, options?: FailNextOptions): void;
}

// Its own stream, so evolve() repeats per seed whatever else draws numbers.
const evolveSalt = 0x0e_70_1e_5e;

export async function startConsioSim(options: ConsioSimOptions): Promise<ConsioSim> {
  const seed = options.seed ?? 1;
  const register = new ConsioMemberRegister(seed, options.memberCount);
  const invalidRecords = new InvalidRecordPolicy(seed);
  const faults = new ConsioFaultPlan(seed);
  const evolveRng = mulberry32(seed ^ evolveSalt);
  let stats = emptyConsioStats();
  const credentials = Object.freeze({ ...(options.credentials ?? defaultConsioSimCredentials) });
  const organization: Readonly<ConsioOrganization> = Object.freeze({
    organizationNumber: syntheticOrganizationNumber(seed),
    name: options.organizationName ?? 'Idrettslaget Demo',
    features: Object.freeze({ webhooks: options.webhooks ?? false }),
  });
  const ctx: ConsioSimContext = {
    register,
    invalidRecords,
    organization,
    credentials,
    tokens: new TokenStore(options.tokenTtlSeconds ?? 3600),
    faults,
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
    onInternalError: (res) => sendProblem(res, 500, { detail: 'An unexpected error occurred.' }),
  });

  const served = (index: number): ConsioMemberRecord => invalidRecords.apply(register.at(index));

  return {
    url: http.url,
    credentials,
    organization,
    seed,
    get memberCount() {
      return register.size;
    },
    get stats() {
      return { ...stats, membersGenerated: register.generatedCount };
    },
    resetStats() {
      stats = emptyConsioStats();
    },
    member: served,
    updateMember: (index, patch) => invalidRecords.apply(register.update(index, patch)),
    indexOf: indexForActNo,
    failNext: (count, status, failOptions) => faults.failNext(count, status, failOptions),
    malformedNext: (count, body) => faults.malformedNext(count, body),
    setDown(down) {
      faults.setDown(down);
      if (down) http.resetConnections();
    },
    setLatency: (ms) => faults.setLatency(ms),
    revokeTokens: () => ctx.tokens.revokeAll(),
    resetFaults: () => faults.clear(),
    setTransientFailureRate: (rate) => faults.setTransientFailureRate(rate),
    setRateLimit: (limit) => faults.setRateLimit(limit),
    setInvalidRecordRate: (rate) => invalidRecords.setRate(rate),
    isInvalidRecord(externalId) {
      return /^\d{1,15}$/.test(externalId) && invalidRecords.isInvalid(Number(externalId));
    },
    evolve: (plan: EvolvePlan): EvolveResult => evolveRegister(register, evolveRng, plan),
    *records() {
      for (let index = 0; index < register.issued; index++) if (register.exists(index)) yield served(index);
    },
    close: () => http.close(),
  };
}
