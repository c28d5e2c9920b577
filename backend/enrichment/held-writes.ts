import type { Db, Queryable } from '../db/port.ts';
import { asCaller } from '../db/as-caller.ts';
import { SourceError } from '../adapters/member-source.ts';
import { redact } from '../adapters/shared/redaction.ts';
import type { SourceResolver } from '../engine/source-resolver.ts';
import { AppError, clipText, type ErrorCode } from '../../shared/domain/errors.ts';
import { describeError } from '../logging/describe-error.ts';
import { finishEnrichmentEvent, raiseLateWrite, recordAttempt } from './enrichment-store.ts';
import { retryDelay, type EnrichmentClock } from './enrichment-clock.ts';

/** One number on its way to one registry record, held in this process's memory only. */
export interface HeldWrite {
  eventId: string;
  orgId: string;
  integrationId: string;
  memberId: string;
  externalId: string;
  /** Never leaves this object except in the request to the registry. */
  nin: string;
  loggedInAt: number;
  heldUntil: number;
}

export type AttemptResult = 'written' | 'already_held' | 'retrying' | 'failed';

export interface HeldWritesOptions {
  db: Db;
  resolveSource: SourceResolver;
  clock: EnrichmentClock;
  retryDelaysMs: readonly number[];
  lateAfterMs: number;
  log: (line: string) => void;
}

interface Entry {
  write: HeldWrite;
  failures: number;
  lastError: ErrorCode | null;
  inFlight: Promise<AttemptResult> | null;
  cancelRetry: (() => void) | null;
  cancelLateCheck: () => void;
}

import { SERVICE } from './service-caller.ts';

/** What may be kept of a failure: its code and the adapter's words, with anything like a number taken out. */
function failureOf(error: unknown): { code: ErrorCode; message: string; retryable: boolean } {
  if (error instanceof SourceError) return { code: error.code, message: clipText(redact(error.message), 500), retryable: error.retryable };
  if (error instanceof AppError) return { code: error.code, message: clipText(redact(error.message), 500), retryable: false };
  return { code: 'internal', message: 'An unexpected error; the service log has the details.', retryable: true };
}

/**
 * The numbers this process is writing to registries: the first attempt at once, then retries
 * with backoff while the number is held (Vipps's 10 minutes by default). Every attempt is
 * logged; a write still not done 30 s after the login raises an alert. When the hold ends, or a
 * registry refuses the number for good, the number is dropped and the event marked failed; a
 * later login (or a retry while it is still held) writes it instead.
 */
export class HeldWrites {
  readonly #options: HeldWritesOptions;
  readonly #entries = new Map<string, Entry>();
  readonly #settled = new Set<Promise<unknown>>();
  #closed = false;

  constructor(options: HeldWritesOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Takes a write and makes its first attempt now; resolves with that attempt's result. */
  start(write: HeldWrite): Promise<AttemptResult> {
    const { clock, lateAfterMs } = this.#options;
    const lateIn = Math.max(0, write.loggedInAt + lateAfterMs - clock.now());
    const entry: Entry = {
      write,
      failures: 0,
      lastError: null,
      inFlight: null,
      cancelRetry: null,
      cancelLateCheck: clock.schedule(lateIn, () => this.#track(this.#checkLate(write.eventId))),
    };
    this.#entries.set(write.eventId, entry);
    return this.#attempt(entry);
  }

  /** A retry asked for in the console: at once, if the number is still held here. */
  async retryNow(eventId: string): Promise<AttemptResult | 'not_held'> {
    const entry = this.#entries.get(eventId);
    if (!entry) return 'not_held';
    entry.cancelRetry?.();
    entry.cancelRetry = null;
    return entry.inFlight ?? this.#attempt(entry);
  }

  /** Resolves once no attempt or check is running (tests, and an Edge Function's waitUntil). */
  async settled(): Promise<void> {
    while (this.#settled.size > 0) await Promise.allSettled([...this.#settled]);
  }

  /** Resolves once every held write is done, failed or dropped. */
  async drained(): Promise<void> {
    while (this.#entries.size > 0 || this.#settled.size > 0) {
      await this.settled();
      if (this.#entries.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * Drops every held number without another attempt (the host is stopping). An attempt already on
   * its way finishes, bounded by the adapter's own deadline; await `settled()` before closing the
   * database.
   */
  close(): void {
    this.#closed = true;
    for (const entry of this.#entries.values()) {
      entry.cancelRetry?.();
      entry.cancelLateCheck();
    }
    this.#entries.clear();
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#settled.add(work);
    void work.finally(() => this.#settled.delete(work)).catch(() => undefined);
    return work;
  }

  #attempt(entry: Entry): Promise<AttemptResult> {
    const run = this.#track(this.#attemptOnce(entry)).finally(() => {
      entry.inFlight = null;
    });
    entry.inFlight = run;
    return run;
  }

  async #attemptOnce(entry: Entry): Promise<AttemptResult> {
    const { resolveSource, clock, lateAfterMs, log } = this.#options;
    const { write } = entry;
    let outcome: 'written' | 'already_held' | null = null;
    let failure: ReturnType<typeof failureOf> | null = null;
    try {
      const source = await resolveSource(write.integrationId);
      const result = await source.writePersonnummer(write.externalId, write.nin);
      outcome = result.outcome;
    } catch (error) {
      failure = failureOf(error);
      if (failure.code === 'internal') log(`Enrichment write for event ${write.eventId} failed: ${describeError(error)}`);
    }
    const at = new Date(clock.now());
    const finish = { eventId: write.eventId, integrationId: write.integrationId, memberId: write.memberId, at, lateAfterMs };
    if (outcome !== null) {
      const done = outcome;
      // The registry has the number: it leaves memory now, whatever the bookkeeping does next.
      this.#forget(entry);
      await this.#record(write, async (tx) => {
        await recordAttempt(tx, { eventId: write.eventId, orgId: write.orgId, at, error: null });
        await finishEnrichmentEvent(tx, { ...finish, outcome: done });
      });
      return done;
    }
    const { code, message, retryable } = failure ?? failureOf(null);
    entry.failures += 1;
    entry.lastError = code;
    const nextAt = clock.now() + retryDelay(this.#options.retryDelaysMs, entry.failures);
    const givesUp = this.#closed || !retryable || nextAt > write.heldUntil;
    if (givesUp) this.#forget(entry);
    const recorded = await this.#record(write, async (tx) => {
      await recordAttempt(tx, { eventId: write.eventId, orgId: write.orgId, at, error: { code, message } });
      if (!givesUp) return;
      await finishEnrichmentEvent(tx, { ...finish, outcome: 'failed' });
      await raiseLateWrite(tx, {
        eventId: write.eventId,
        orgId: write.orgId,
        integrationId: write.integrationId,
        externalId: write.externalId,
        errorCode: code,
      });
    });
    if (givesUp) return 'failed';
    if (!recorded) {
      // Without a record of the attempt there is no safe retry to promise: the number goes, and the
      // event is failed by the sweep when its hold runs out; the member's next login writes it.
      this.#forget(entry);
      return 'failed';
    }
    entry.cancelRetry = clock.schedule(nextAt - clock.now(), () => {
      entry.cancelRetry = null;
      if (this.#entries.has(write.eventId) && entry.inFlight === null) void this.#attempt(entry);
    });
    return 'retrying';
  }

  /** Bookkeeping in one transaction; a database failure is logged, never thrown into a login's answer. */
  async #record(write: HeldWrite, work: (tx: Queryable) => Promise<void>): Promise<boolean> {
    try {
      await asCaller(this.#options.db, SERVICE, work);
      return true;
    } catch (error) {
      this.#options.log(`Enrichment bookkeeping for event ${write.eventId} failed: ${describeError(error)}`);
      return false;
    }
  }

  async #checkLate(eventId: string): Promise<void> {
    const entry = this.#entries.get(eventId);
    if (!entry) return;
    const { write } = entry;
    await this.#record(write, (tx) =>
      raiseLateWrite(tx, {
        eventId,
        orgId: write.orgId,
        integrationId: write.integrationId,
        externalId: write.externalId,
        errorCode: entry.lastError,
      }),
    );
  }

  /** The number leaves memory here, for good. */
  #forget(entry: Entry): void {
    entry.cancelRetry?.();
    entry.cancelLateCheck();
    entry.write.nin = '';
    this.#entries.delete(entry.write.eventId);
  }
}
