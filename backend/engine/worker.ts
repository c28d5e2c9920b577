import type { Db } from '../db/port.ts';
import { drainSourceWrites } from './source-writes.ts';
import type { SliceOptions } from './slice-options.ts';
import type { SourceResolver } from './source-resolver.ts';
import { claimAndRunJob, tendQueue } from './worker-step.ts';

const SCHEDULE_EVERY_MS = 30_000;

export interface WorkerOptions {
  db: Db;
  resolveSource: SourceResolver;
  workerId?: string;
  /** How long the loop sleeps when the queue is empty and nobody wakes it. */
  pollIntervalMs?: number;
  /**
   * A running job whose heartbeat is older than this is taken to be abandoned by a dead worker.
   * It must exceed the longest slice: a page fetch with its retries and Retry-After waits, which
   * send heartbeats between attempts, so one attempt (15 s timeout) plus one wait (30 s) at most.
   */
  abandonedAfterSeconds?: number;
  onProgress?: SliceOptions['onProgress'];
  /** Queue scheduled syncs and raise stale-data alerts, every 30 s. Default true; tests of one job turn it off. */
  schedule?: boolean;
  onError?: (error: unknown) => void;
  sliceOptions?: Pick<SliceOptions, 'maxRetries' | 'sleep'>;
}

export interface Worker {
  /** Look at the queue now instead of at the next poll. */
  wake(): void;
  /** Resolves when the queue is empty and no job is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The in-process worker loop of the embedded demo and the tests. In production pg_cron invokes
 * the `sync-worker` Edge Function instead, which runs the same claim-and-run step with a deadline.
 */
export function startWorker(options: WorkerOptions): Worker {
  const workerId = options.workerId ?? `worker-${crypto.randomUUID()}`;
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  let stopped = false;
  let wakeUp: (() => void) | null = null;
  let idleWaiters: Array<() => void> = [];

  const sleepUntilWoken = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), pollIntervalMs);
      const done = () => {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      };
      wakeUp = done;
    });

  // Schedules are minutes apart and staleness is counted in hours: once every 30 s is plenty,
  // where the queue itself is looked at on every poll (50 ms in tests).
  let nextScheduleAt = 0;

  async function step(): Promise<boolean> {
    const schedule = options.schedule !== false && Date.now() >= nextScheduleAt;
    await tendQueue(options.db, {
      schedule,
      now: new Date(),
      abandonedAfterSeconds: options.abandonedAfterSeconds,
    });
    if (schedule) nextScheduleAt = Date.now() + SCHEDULE_EVERY_MS;
    const ran = await claimAndRunJob(options.db, options.resolveSource, {
      workerId,
      // On stop, the job goes back to the queue at its checkpoint instead of holding shutdown.
      shouldStop: () => stopped,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...options.sliceOptions,
    });
    if (ran) return true;
    const writes = await drainSourceWrites(options.db, options.resolveSource, { deadline: Date.now() + 30_000 });
    return writes.done + writes.failed > 0;
  }

  const loop = (async () => {
    while (!stopped) {
      let worked = false;
      try {
        worked = await step();
      } catch (error) {
        options.onError?.(error);
      }
      if (!worked) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
        if (!stopped) await sleepUntilWoken();
      }
    }
  })();

  return {
    wake() {
      wakeUp?.();
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wakeUp?.();
      });
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
      for (const resolve of idleWaiters) resolve();
    },
  };
}
