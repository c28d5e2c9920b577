import type { Db } from '../db/port.ts';
import type { ClaimedJob } from './job-store.ts';
import { runListingSync } from './listing-sync.ts';
import type { JobOutcome, SliceOptions } from './slice-options.ts';
import type { MemberSource } from '../adapters/member-source.ts';

export type { JobOutcome };

/** Runs a claimed job of any kind. */
export function runJob(db: Db, job: ClaimedJob, resolveSource: () => Promise<MemberSource>, options: SliceOptions): Promise<JobOutcome> {
  return runListingSync(db, job, resolveSource, options);
}
