/** What a malformed 200 carries: an HTML page, or JSON of the wrong shape. */
export type MalformedBody = 'not_json' | 'bad_envelope';

/**
 * The fault levers every simulator has: faults queued for the next data requests (one per
 * request, in order), a "down" switch and a delay before every answer. Each simulator says
 * what its queued faults look like, as each vendor fails in its own format.
 */
export class FaultQueue<Fault> {
  #queue: Fault[] = [];
  #down = false;
  #latencyMs = 0;

  get down(): boolean {
    return this.#down;
  }

  get latencyMs(): number {
    return this.#latencyMs;
  }

  setDown(down: boolean): void {
    this.#down = down;
  }

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be ≥ 0 ms, got ${ms}`);
    this.#latencyMs = ms;
  }

  takeNext(): Fault | undefined {
    return this.#queue.shift();
  }

  /** Clears queued faults, down and latency. */
  clear(): void {
    this.#queue = [];
    this.#down = false;
    this.#latencyMs = 0;
  }

  protected enqueue(count: number, fault: Fault): void {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`fault count must be a whole number ≥ 1, got ${count}`);
    for (let i = 0; i < count; i++) this.#queue.push(fault);
  }
}

/** Throws unless `status` is an HTTP error status a fault can answer with. */
export function checkFaultStatus(status: number): void {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new RangeError(`failNext needs an HTTP error status (400–599), got ${status}`);
  }
}
