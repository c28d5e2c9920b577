import { cornerstoneSignatureHeader, signCornerstoneWebhook } from './webhook-signature.ts';
import type { CornerstoneWebhookEvent } from './webhook-events.ts';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface WebhookDeliveryOptions {
  /** Waits before each retry of a failed delivery; its length is the number of retries. Default 100, 500, 2 000 ms. */
  retryDelaysMs?: readonly number[];
  /** Per delivery attempt. Default 5 000 ms. */
  timeoutMs?: number;
}

export interface WebhookDeliveryStats {
  /** Events produced while webhooks were configured. */
  published: number;
  /** Deliveries the receiver acknowledged with 2xx (a duplicated event counts twice). */
  sent: number;
  /** Attempts that failed: a non-2xx answer, a timeout or a network error. */
  failed: number;
  /** Attempts that repeated a failed one. */
  retried: number;
  /** Deliveries given up after the last retry. */
  abandoned: number;
  /** Deliveries queued, held for reordering or in flight. */
  pending: number;
}

const defaultRetryDelaysMs = [100, 500, 2_000] as const;

/**
 * Sends events to the configured receiver, one delivery at a time in the order they were made,
 * at least once: a failed delivery is retried with backoff and then given up. Each attempt is
 * signed afresh, with the time it is sent.
 */
export class WebhookDispatcher {
  readonly #retryDelaysMs: readonly number[];
  readonly #timeoutMs: number;
  #target: WebhookTarget | null = null;
  #queue: string[] = [];
  #held: string[] = [];
  #duplicateRemaining = 0;
  #reorderRemaining = 0;
  #inFlight = false;
  #pumping: Promise<void> | null = null;
  readonly #closed = new AbortController();
  readonly #sleeping = new Map<NodeJS.Timeout, () => void>();
  #stats = { published: 0, sent: 0, failed: 0, retried: 0, abandoned: 0 };

  constructor(options: WebhookDeliveryOptions = {}) {
    this.#retryDelaysMs = options.retryDelaysMs ?? defaultRetryDelaysMs;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    if (this.#retryDelaysMs.some((ms) => !Number.isFinite(ms) || ms < 0)) throw new RangeError('webhook retry delays must be ≥ 0 ms');
  }

  get stats(): WebhookDeliveryStats {
    return { ...this.#stats, pending: this.#queue.length + this.#held.length + (this.#inFlight ? 1 : 0) };
  }

  /** Where deliveries go now; null when none are sent. */
  get targetUrl(): string | null {
    return this.#target?.url ?? null;
  }

  /** Null stops deliveries and drops what is queued. */
  configure(target: WebhookTarget | null): void {
    if (target !== null) {
      const url = new URL(target.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RangeError('The webhook URL must be http or https');
      if (target.secret.length === 0) throw new RangeError('The webhook secret must not be empty');
      this.#target = { url: url.href, secret: target.secret };
      return;
    }
    this.#target = null;
    this.#queue = [];
    this.#held = [];
  }

  publish(event: CornerstoneWebhookEvent): void {
    if (this.#target === null || this.#closed.signal.aborted) return;
    this.#stats.published++;
    const body = JSON.stringify(event);
    const copies = this.#duplicateRemaining > 0 ? 2 : 1;
    if (copies === 2) this.#duplicateRemaining--;

    if (this.#reorderRemaining > 0) {
      for (let i = 0; i < copies; i++) this.#held.push(body);
      this.#reorderRemaining--;
      if (this.#reorderRemaining === 0) this.#releaseHeld();
    } else {
      for (let i = 0; i < copies; i++) this.#queue.push(body);
    }
    this.#pump();
  }

  /** The next `count` events are each delivered twice, as at-least-once delivery allows. */
  duplicateNext(count: number): void {
    this.#duplicateRemaining += checkedCount(count);
  }

  /** The next `count` events are held and then delivered newest first. */
  reorderNext(count: number): void {
    this.#reorderRemaining += checkedCount(count);
  }

  /** Resolves once every delivery queued so far has succeeded or been given up; releases a reorder batch not yet full. */
  async flush(): Promise<void> {
    if (this.#held.length > 0) {
      this.#reorderRemaining = 0;
      this.#releaseHeld();
      this.#pump();
    }
    while (this.#pumping !== null) await this.#pumping;
  }

  async close(): Promise<void> {
    this.#closed.abort();
    this.#queue = [];
    this.#held = [];
    for (const [timer, wake] of this.#sleeping) {
      clearTimeout(timer);
      wake();
    }
    this.#sleeping.clear();
    if (this.#pumping !== null) await this.#pumping;
  }

  #releaseHeld(): void {
    this.#queue.push(...this.#held.reverse());
    this.#held = [];
  }

  #pump(): void {
    if (this.#pumping !== null || this.#queue.length === 0) return;
    this.#pumping = (async () => {
      for (let body = this.#queue.shift(); body !== undefined; body = this.#queue.shift()) {
        this.#inFlight = true;
        try {
          await this.#deliver(body);
        } finally {
          this.#inFlight = false;
        }
      }
    })().finally(() => {
      this.#pumping = null;
      // An event published between the loop's last look and here would otherwise wait for the next one.
      this.#pump();
    });
  }

  async #deliver(body: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      // Read each time: a receiver reconfigured mid-retry gets the rest, and null drops it.
      const target = this.#target;
      if (target === null || this.#closed.signal.aborted) return;
      if (attempt > 0) this.#stats.retried++;
      if (await this.#post(target, body)) {
        this.#stats.sent++;
        return;
      }
      this.#stats.failed++;
      const delay = this.#retryDelaysMs[attempt];
      if (delay === undefined) {
        this.#stats.abandoned++;
        return;
      }
      await this.#sleep(delay);
    }
  }

  async #post(target: WebhookTarget, body: string): Promise<boolean> {
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [cornerstoneSignatureHeader]: signCornerstoneWebhook(target.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([this.#closed.signal, AbortSignal.timeout(this.#timeoutMs)]),
      });
      // Drained so the connection can be reused; the receiver's answer carries nothing we need.
      await response.arrayBuffer().catch(() => undefined);
      return response.ok;
    } catch {
      return false;
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#sleeping.delete(timer);
        resolve();
      }, ms);
      this.#sleeping.set(timer, resolve);
    });
  }
}

function checkedCount(count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number ≥ 1, got ${count}`);
  return count;
}
