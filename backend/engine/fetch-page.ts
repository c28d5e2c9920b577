import type { MemberPage } from '../adapters/member-source.ts';
import { SourceError } from '../adapters/member-source.ts';
import type { SliceOptions } from './slice-options.ts';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A retry wait would run past the invocation's deadline: hand the job back instead of waiting. */
export class OutOfTime extends Error {}

/**
 * One page from the registry, retrying transient failures with backoff (or the registry's
 * Retry-After). Null when the job stopped being ours while waiting.
 */
export async function fetchPageWithRetries(
  list: () => Promise<MemberPage>,
  options: Pick<SliceOptions, 'maxRetries' | 'sleep' | 'deadline'>,
  stillOurs: () => Promise<boolean>,
): Promise<MemberPage | null> {
  const maxRetries = options.maxRetries ?? 4;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await list();
    } catch (error) {
      if (!(error instanceof SourceError) || !error.retryable || attempt >= maxRetries) throw error;
      // A heartbeat before each wait, so a slow but healthy slice is not taken for abandoned.
      if (!(await stillOurs())) return null;
      const backoff = Math.min(error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : 250 * 2 ** attempt, 30_000);
      if (options.deadline !== undefined && Date.now() + backoff >= options.deadline) throw new OutOfTime();
      await sleep(backoff);
    }
  }
}
