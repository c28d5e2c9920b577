import type { Caller, Db } from '../db/port.ts';

/** What every backend handler gets, in either host (embedded main process or `admin-api`). */
export interface BackendContext {
  db: Db;
  caller: Caller;
  /** Tells the worker a job was queued, so it need not wait for its next poll. */
  wakeWorker: () => void;
}

export function requireUser(caller: Caller): { userId: string; email: string } {
  if (caller.kind !== 'user') throw new Error('This operation needs a signed-in admin');
  return caller;
}
