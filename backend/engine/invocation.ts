import type { Db } from '../db/port.ts';
import type { JobOutcome } from './run-job.ts';
import { drainSourceWrites } from './source-writes.ts';
import type { SourceResolver } from './source-resolver.ts';
import { createCpuBudget, type CpuClock } from './cpu-budget.ts';
import { claimAndRunJob, tendQueue } from './worker-step.ts';

/**
 * After its deadline an invocation starts nothing, but a slice it started just before may still
 * be fetching (one registry request times out after 15 s) and writing. Past this margin it is
 * certainly over, handed back or killed, and its job may be requeued.
 */
const LEASE_MARGIN_MS = 30_000;

export interface InvocationOptions {
  db: Db;
  resolveSource: SourceResolver;
  /** Epoch ms after which no new slice starts; the running job is handed back at its checkpoint. */
  deadline: number;
  /**
   * The CPU this invocation may use, and the clock that measures it. No slice starts that its
   * measured cost would take past the budget; the job is handed back at its checkpoint instead.
   */
  cpu: { clock: CpuClock; budgetMs: number };
  workerId?: string;
  /** A running job whose heartbeat is older than this is requeued. Default 120 s. */
  abandonedAfterSeconds?: number;
  now?: () => Date;
}

export interface InvocationSummary {
  workerId: string;
  requeued: number;
  scheduled: number;
  jobs: Array<{ jobId: string; integrationId: string; kind: string; outcome: JobOutcome }>;
  /** CPU this invocation used, by its clock. */
  cpuMs: number;
}

/**
 * One invocation of the `sync-worker` Edge Function (pg_cron calls it every ten seconds): enqueue
 * what the schedules say is due, requeue jobs whose worker died, then claim and run jobs slice
 * by slice while the wall-clock deadline and the CPU budget leave room. Any number of
 * invocations may run at once; SKIP LOCKED keeps them apart and each job is held by one of them.
 */
export async function runWorkerInvocation(options: InvocationOptions): Promise<InvocationSummary> {
  const workerId = options.workerId ?? `edge-${crypto.randomUUID()}`;
  const now = options.now ?? (() => new Date());
  const cpuBudget = createCpuBudget(options.cpu.clock, options.cpu.budgetMs);
  const inTime = () => now().getTime() < options.deadline;
  const { requeued, scheduled } = await tendQueue(options.db, {
    schedule: true,
    now: now(),
    abandonedAfterSeconds: options.abandonedAfterSeconds,
  });
  const jobs: InvocationSummary['jobs'] = [];
  // The first job is always claimed, so every invocation moves the queue by at least one slice;
  // after that a job is started only with room for two slices (see listing-sync's loop).
  while (inTime() && (jobs.length === 0 || cpuBudget.hasRoomFor(2))) {
    const ran = await claimAndRunJob(options.db, options.resolveSource, {
      workerId,
      deadline: options.deadline,
      cpuBudget,
      lease: { until: new Date(options.deadline + LEASE_MARGIN_MS) },
    });
    if (!ran) break;
    const { job, outcome } = ran;
    jobs.push({ jobId: job.id, integrationId: job.integration_id, kind: job.kind, outcome });
    if (outcome === 'yielded') break;
  }
  if (inTime() && cpuBudget.hasRoomFor(1)) {
    await drainSourceWrites(options.db, options.resolveSource, { deadline: options.deadline, shouldStop: () => !cpuBudget.hasRoomFor(1) });
  }
  return { workerId, requeued, scheduled, jobs, cpuMs: cpuBudget.usedMs() };
}
