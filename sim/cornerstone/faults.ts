import { checkFaultStatus, FaultQueue, type MalformedBody } from '../shared/fault-queue.ts';

/**
 * Injectable failures, so tests exercise the adapter against the failures a real vendor API
 * has. Queued faults apply to the data endpoints (`/api/v1/*`) in order, one per request.
 */
export type { MalformedBody };

export type QueuedFault = { kind: 'status'; status: number; retryAfterSeconds: number | null } | { kind: 'malformed'; body: MalformedBody };

export interface FailNextOptions {
  /** Sent as Retry-After. 429 gets 1 second unless told otherwise. */
  retryAfterSeconds?: number;
}

export class FaultPlan extends FaultQueue<QueuedFault> {
  failNext(count: number, status: number, options: FailNextOptions = {}): void {
    checkFaultStatus(status);
    const retryAfterSeconds = options.retryAfterSeconds ?? (status === 429 ? 1 : null);
    this.enqueue(count, { kind: 'status', status, retryAfterSeconds });
  }

  malformedNext(count: number, body: MalformedBody): void {
    this.enqueue(count, { kind: 'malformed', body });
  }
}
