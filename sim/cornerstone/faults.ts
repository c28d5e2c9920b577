/**
 * Injectable failures, so tests exercise the adapter against the failures a real vendor API
 * has. Queued faults apply to the data endpoints (`/api/v1/*`) in order, one per request.
 */
export type MalformedBody = 'not_json' | 'bad_envelope';

export type QueuedFault =
  | { kind: 'status'; status: number; retryAfterSeconds: number | null }
  | { kind: 'malformed'; body: MalformedBody };

export interface FailNextOptions {
  /** Sent as Retry-After. 429 gets 1 second unless told otherwise. */
  retryAfterSeconds?: number;
}

export class FaultPlan {
  #queue: QueuedFault[] = [];
  #down = false;
  #latencyMs = 0;

  get down(): boolean {
    return this.#down;
  }

  get latencyMs(): number {
    return this.#latencyMs;
  }

  failNext(count: number, status: number, options: FailNextOptions = {}): void {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`failNext needs an HTTP error status (400–599), got ${status}`);
    }
    const retryAfterSeconds = options.retryAfterSeconds ?? (status === 429 ? 1 : null);
    this.#enqueue(count, { kind: 'status', status, retryAfterSeconds });
  }

  malformedNext(count: number, body: MalformedBody): void {
    this.#enqueue(count, { kind: 'malformed', body });
  }

  setDown(down: boolean): void {
    this.#down = down;
  }

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be ≥ 0 ms, got ${ms}`);
    this.#latencyMs = ms;
  }

  takeNext(): QueuedFault | undefined {
    return this.#queue.shift();
  }

  clear(): void {
    this.#queue = [];
    this.#down = false;
    this.#latencyMs = 0;
  }

  #enqueue(count: number, fault: QueuedFault): void {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`fault count must be a whole number ≥ 1, got ${count}`);
    for (let i = 0; i < count; i++) this.#queue.push(fault);
  }
}
