import type { CornerstoneSimCredentials, TokenStore } from './credentials.ts';
import type { FaultPlan } from './faults.ts';
import type { MemberRegister } from './member-register.ts';

export interface CornerstoneSimStats {
  /** Every HTTP request that reached the server, including ones a fault answered. */
  requests: number;
  tokenRequests: number;
  organizationRequests: number;
  memberPageRequests: number;
  /** Requests refused with 401 (bad credentials, token or key). */
  unauthorized: number;
  /** Requests answered by a queued fault instead of the real handler. */
  faultsServed: number;
  /** Connections and requests cut while the simulator was down. */
  droppedConnections: number;
}

export function emptyStats(): CornerstoneSimStats {
  return {
    requests: 0,
    tokenRequests: 0,
    organizationRequests: 0,
    memberPageRequests: 0,
    unauthorized: 0,
    faultsServed: 0,
    droppedConnections: 0,
  };
}

/** The simulator's state that request handlers read and update. */
export interface SimContext {
  readonly register: MemberRegister;
  readonly organization: { id: string; name: string };
  readonly credentials: Readonly<CornerstoneSimCredentials>;
  readonly tokens: TokenStore;
  readonly faults: FaultPlan;
  readonly stats: CornerstoneSimStats;
}
