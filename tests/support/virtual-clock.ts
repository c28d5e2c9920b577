import type { EnrichmentClock } from '../../backend/enrichment/enrichment-clock.ts';

/**
 * A clock a test moves by hand, for the enrichment service's retries: a minute of registry
 * outage plays in milliseconds, while every request still goes over real HTTP. Scheduled work
 * runs in time order as the clock passes it.
 */
export interface VirtualClock {
  readonly clock: EnrichmentClock;
  /** Moves time forward by `ms`, running everything that falls due, each at its own time, and what that schedules. */
  advance(ms: number, settle: () => Promise<void>): Promise<void>;
}

export function virtualClock(start = Date.now()): VirtualClock {
  let now = start;
  let sequence = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  return {
    clock: {
      now: () => now,
      schedule(ms, run) {
        const id = sequence++;
        due.set(id, { at: now + Math.max(0, ms), run });
        return () => due.delete(id);
      },
    },
    async advance(ms, settle) {
      const until = now + ms;
      await settle();
      for (;;) {
        const next = [...due.entries()].filter(([, timer]) => timer.at <= until).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
        if (!next) break;
        const [id, timer] = next;
        due.delete(id);
        now = timer.at;
        timer.run();
        await settle();
      }
      now = until;
    },
  };
}
