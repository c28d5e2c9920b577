import type { TokenStore } from '../cornerstone/credentials.ts';
import type { ConsioFaultPlan } from './faults.ts';
import type { InvalidRecordPolicy } from './invalid-records.ts';
import type { ConsioMemberRegister } from './member-register.ts';

export interface ConsioSimCredentials {
  clientId: string;
  clientSecret: string;
}

/** Public demo values: the simulator only listens on 127.0.0.1 and holds synthetic people. */
export const defaultConsioSimCredentials: Readonly<ConsioSimCredentials> = Object.freeze({
  clientId: 'consio-demo-client',
  clientSecret: 'consio-demo-secret-2025',
});

export interface ConsioOrganization {
  /** The Brønnøysund organisation number (9 digits, mod-11 checked). */
  organizationNumber: string;
  name: string;
  features: { webhooks: boolean };
}

export interface ConsioSimStats {
  /** Every HTTP request that reached the server, including ones a fault answered. */
  requests: number;
  tokenRequests: number;
  organizationRequests: number;
  memberListRequests: number;
  memberReadRequests: number;
  memberWrites: number;
  /** `PUT /api/v2/members/{actNo}/ssn` that reached the handler. */
  ssnWrites: number;
  /** Requests refused with 401 (bad client credentials or token). */
  unauthorized: number;
  /** Requests answered by a queued fault (`failNext`, `malformedNext`). */
  faultsServed: number;
  /** Requests failed by the transient failure rate. */
  transientFailures: number;
  /** Requests refused by the rate limit. */
  rateLimited: number;
  /** Connections and requests cut while the simulator was down. */
  droppedConnections: number;
}

export function emptyConsioStats(): ConsioSimStats {
  return {
    requests: 0,
    tokenRequests: 0,
    organizationRequests: 0,
    memberListRequests: 0,
    memberReadRequests: 0,
    memberWrites: 0,
    ssnWrites: 0,
    unauthorized: 0,
    faultsServed: 0,
    transientFailures: 0,
    rateLimited: 0,
    droppedConnections: 0,
  };
}

/** The simulator's state that request handlers read and update. */
export interface ConsioSimContext {
  readonly register: ConsioMemberRegister;
  readonly invalidRecords: InvalidRecordPolicy;
  readonly organization: Readonly<ConsioOrganization>;
  readonly credentials: Readonly<ConsioSimCredentials>;
  readonly tokens: TokenStore;
  readonly faults: ConsioFaultPlan;
  readonly stats: ConsioSimStats;
}
