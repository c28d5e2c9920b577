import { optionalEnv, requireEnv } from '../_shared/env.ts';
import { DEFAULT_CPU_BUDGET_MS, MAX_CPU_BUDGET_MS } from '../../../backend/engine/cpu-budget.ts';

/** Supabase's wall clock is 150 s (free) or 400 s (paid); the last slice must fit in what is left. */
const DEFAULT_BUDGET_MS = 50_000;
const MAX_BUDGET_MS = 400_000;

export interface SyncWorkerConfig {
  databaseUrl: string;
  credentialKey: { keyId: string; keyBase64: string };
  /** The bearer secret pg_cron sends. */
  workerSecret: string;
  /** No new slice starts after this much time from the request; the job is handed back instead. */
  budgetMs: number;
  /** No slice starts that would take the request's CPU past this; the job is handed back instead. */
  cpuBudgetMs: number;
  /** Plain http to 127.0.0.1, for the Cornerstone simulator in tests. Never set on Supabase. */
  allowLoopbackHttp: boolean;
}

/** A whole number of milliseconds from 1 to `max`, or `fallback` when the variable is not set. */
function milliseconds(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const ms = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(ms >= 1 && ms <= max)) throw new Error(`${name} must be a whole number of milliseconds from 1 to ${max}`);
  return ms;
}

export function readSyncWorkerConfig(): SyncWorkerConfig {
  const env = requireEnv(['SUPABASE_DB_URL', 'CREDENTIAL_KEY', 'CREDENTIAL_KEY_ID', 'SYNC_WORKER_SECRET']);
  return {
    databaseUrl: env.SUPABASE_DB_URL,
    credentialKey: { keyId: env.CREDENTIAL_KEY_ID, keyBase64: env.CREDENTIAL_KEY },
    workerSecret: env.SYNC_WORKER_SECRET,
    budgetMs: milliseconds('WORKER_BUDGET_MS', optionalEnv('WORKER_BUDGET_MS'), DEFAULT_BUDGET_MS, MAX_BUDGET_MS),
    cpuBudgetMs: milliseconds('WORKER_CPU_BUDGET_MS', optionalEnv('WORKER_CPU_BUDGET_MS'), DEFAULT_CPU_BUDGET_MS, MAX_CPU_BUDGET_MS),
    allowLoopbackHttp: optionalEnv('ALLOW_LOOPBACK_HTTP') === '1',
  };
}
