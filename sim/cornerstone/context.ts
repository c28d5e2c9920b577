import type { CornerstoneSimCredentials, TokenStore } from './credentials.ts';
import type { FaultPlan } from './faults.ts';
import type { InvalidRecordPlan } from './invalid-records.ts';
import type { MemberRegister } from './member-register.ts';
import type { RateLimitPlan } from './rate-limit.ts';
import type { CornerstoneWireMember } from './records.ts';
import type { TransientFailurePlan } from './transient-failures.ts';

export interface CornerstoneSimStats {
  /** Every HTTP request that reached the server, including ones a fault answered. */
  requests: number;
  tokenRequests: number;
  organizationRequests: number;
  /** Member listings, full or delta. */
  memberPageRequests: number;
  /** Member listings with `updatedSince`. */
  deltaPageRequests: number;
  /** `GET /api/v1/members/{memberId}`. */
  memberReadRequests: number;
  /** `PATCH /api/v1/members/{memberId}` that reached the handler. */
  memberWriteRequests: number;
  /** `PUT /api/v1/members/{memberId}/national-identity-number` that reached the handler. */
  nationalIdentityNumberWrites: number;
  /** Requests refused with 401 (bad credentials, token or key). */
  unauthorized: number;
  /** Requests answered by a queued fault instead of the real handler. */
  faultsServed: number;
  /** Requests refused by the rate limit. */
  rateLimited: number;
  /** Requests failed by the transient failure rate (503, 429 or a reset). */
  transientFailuresServed: number;
  /** Connections and requests cut while the simulator was down. */
  droppedConnections: number;
}

export function emptyStats(): CornerstoneSimStats {
  return {
    requests: 0,
    tokenRequests: 0,
    organizationRequests: 0,
    memberPageRequests: 0,
    deltaPageRequests: 0,
    memberReadRequests: 0,
    memberWriteRequests: 0,
    nationalIdentityNumberWrites: 0,
    unauthorized: 0,
    faultsServed: 0,
    rateLimited: 0,
    transientFailuresServed: 0,
    droppedConnections: 0,
  };
}

/** The simulator's state that request handlers read and update. */
export interface SimContext {
  readonly register: MemberRegister;
  readonly organization: { id: string; name: string; features: { webhooks: boolean } };
  /** The webhook subscription, as Cornerstone's own settings would set it. */
  readonly webhooks: { configure(target: { url: string; secret: string } | null): void; url(): string | null };
  readonly credentials: Readonly<CornerstoneSimCredentials>;
  readonly tokens: TokenStore;
  readonly faults: FaultPlan;
  readonly rateLimit: RateLimitPlan;
  readonly transientFailures: TransientFailurePlan;
  readonly invalidRecords: InvalidRecordPlan;
  readonly stats: CornerstoneSimStats;
}

/** The listed member at `index` exactly as the API serves it. */
export function servedMember(ctx: SimContext, index: number): CornerstoneWireMember {
  return ctx.invalidRecords.serve(index, ctx.register.at(index));
}
