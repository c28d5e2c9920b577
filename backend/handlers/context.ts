import type { Caller, Db } from '../db/port.ts';
import type { SourceResolver } from '../engine/source-resolver.ts';
import type { RegistrySetup } from './registry-setup.ts';
import { AppError } from '../../shared/domain/errors.ts';

/** What every backend handler gets, in either host (embedded main process or `admin-api`). */
export interface BackendContext {
  db: Db;
  caller: Caller;
  /** Tells the worker a job was queued, so it need not wait for its next poll. */
  wakeWorker: () => void;
  /** Builds a registry adapter for an integration: resolving a conflict for the app writes to the registry. */
  resolveSource: SourceResolver;
  /** Sealing, reaching a registry with credentials from a form, and the webhook address: integration setup. */
  setup: RegistrySetup;
  /**
   * The enrichment service of this host, which holds numbers for retries in its memory. Absent
   * where no service runs beside the handlers (the `admin-api` function): a retry then waits for
   * the member's next Vipps login.
   */
  enrichment?: { retry(eventId: string): Promise<'written' | 'already_held' | 'retrying' | 'failed' | 'not_held'> };
}

export function requireUser(caller: Caller): { userId: string; email: string } {
  if (caller.kind !== 'user') throw new AppError('not_signed_in', 'Sign in as an administrator to do this.', 'org_admin');
  return caller;
}
