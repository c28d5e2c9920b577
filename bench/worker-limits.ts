import { parseArgs } from 'node:util';
import { DEFAULT_CPU_BUDGET_MS, MAX_CPU_BUDGET_MS } from '../backend/engine/cpu-budget.ts';
import { EDGE_CPU_LIMIT_MS, EDGE_HEAP_FLAGS, EDGE_MEMORY_LIMIT_BYTES } from '../tests/functions/edge-limits.ts';
import { startFunction, type RunningFunction } from '../tests/functions/harness.ts';
import { readProcessMemory, resetPeakRss } from '../tests/functions/process-memory.ts';
import { sendWebhookBurst } from '../tests/functions/webhook-burst.ts';
import {
  runWorkerUntilIdle,
  seedWorkerProject,
  SYNC_WORKER_ENV,
  WEBHOOK_ENV,
  WORKER_INTEGRATION_ID,
  type WorkerProject,
  type WorkerRun,
} from '../tests/functions/worker-project.ts';
import { createScratchDatabase, databaseSize, serverUrl, type ScratchDatabase } from './support/database.ts';
import { processCpuMsOf } from './support/process-cpu.ts';
import { describeServer } from './support/server-settings.ts';
import { startBenchSim } from './support/sim-process.ts';
import { fmt, mib, percentile, printFigures, saveFigures, type Figure } from './support/report.ts';

const usage = `Usage: node --import tsx bench/worker-limits.ts [--members 1000000] [--cpu-budget-ms ${DEFAULT_CPU_BUDGET_MS}] [--deliveries 500]
       [--concurrency 10] [--seed 7] [--json out.json]
  --members        the Cornerstone organization's size, full-synced and then re-synced unchanged
  --cpu-budget-ms  the worker's WORKER_CPU_BUDGET_MS (default: unset, so the function's own default, ${DEFAULT_CPU_BUDGET_MS})
  --deliveries     signed webhook deliveries in the burst, --concurrency of them at a time`;

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    'cpu-budget-ms': { type: 'string' },
    deliveries: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '10' },
    seed: { type: 'string', default: '7' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const memberCount = Number(values.members);
const cpuBudgetMs = values['cpu-budget-ms'] === undefined ? null : Number(values['cpu-budget-ms']);
const deliveries = Number(values.deliveries);
const concurrency = Number(values.concurrency);
const seed = Number(values.seed);
if (
  ![memberCount, deliveries, concurrency].every((n) => Number.isInteger(n) && n >= 1) ||
  deliveries > memberCount ||
  !Number.isInteger(seed) ||
  (cpuBudgetMs !== null && !(Number.isInteger(cpuBudgetMs) && cpuBudgetMs >= 1 && cpuBudgetMs <= MAX_CPU_BUDGET_MS))
) {
  console.error(usage);
  process.exit(2);
}

const BENCH = 'worker limits (sync-worker under Deno)';
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** One sync of the whole organization, invocation after invocation, and what it left in the database. */
interface SyncPhase {
  label: string;
  run: WorkerRun;
  wallMs: number;
  peakRssBytes: number;
  members: number;
  links: number;
  externalIds: number;
  seen: number | null;
}

async function runSyncPhase(label: string, worker: RunningFunction, project: WorkerProject, scratch: ScratchDatabase): Promise<SyncPhase> {
  console.log(`\n-- ${label} --`);
  // The high-water mark from here on, so the re-sync's peak is its own and not the first sync's.
  await resetPeakRss(worker.pid);
  const jobId = await project.queueFullSync();
  const started = performance.now();
  let reportedAt = started;
  const run = await runWorkerUntilIdle({
    worker,
    secret: project.workerSecret,
    db: scratch.db,
    jobId,
    // At least a page per invocation; anything far past that is a worker that stopped making progress.
    maxInvocations: Math.ceil(memberCount / 1000) * 3 + 50,
    processCpuMs: () => processCpuMsOf(worker.pid),
    onInvocation: (invocation, index) => {
      const unusual = invocation.status !== 200 || Math.max(invocation.answer?.cpuMs ?? 0, invocation.processCpuMs ?? 0) >= EDGE_CPU_LIMIT_MS;
      if (unusual) {
        console.log(
          `   invocation ${index + 1}: status ${invocation.status ?? 'no answer'}, cpuMs ${invocation.answer?.cpuMs ?? '–'}, ` +
            `process CPU ${invocation.processCpuMs ?? '–'} ms, ${fmt(invocation.wallMs)} ms wall`,
        );
      }
      if (performance.now() - reportedAt >= 10_000) {
        reportedAt = performance.now();
        console.log(
          `   ${fmt((reportedAt - started) / 1000)} s: ${index + 1} invocations, ${fmt(invocation.processed)} of ${fmt(memberCount)} members`,
        );
      }
    },
  });
  const wallMs = performance.now() - started;
  if (run.invocations.at(-1)?.status === null) {
    throw new Error(`${label}: the worker stopped answering (its process ended?)\n--- its stderr, the end ---\n${worker.stderr().slice(-3000)}`);
  }
  const memory = await readProcessMemory(worker.pid);
  const { rows } = await scratch.db.query<{ members: number; links: number; external_ids: number; seen: number | null }>(
    `select (select count(*)::int from sync.members) as members,
            (select count(*)::int from sync.member_links where integration_id = $1) as links,
            (select count(distinct external_id)::int from sync.member_links where integration_id = $1) as external_ids,
            (select records_seen from sync.sync_runs where job_id = $2) as seen`,
    [WORKER_INTEGRATION_ID, jobId],
  );
  const counts = rows[0];
  if (!counts) throw new Error('no counts');
  const phase: SyncPhase = {
    label,
    run,
    wallMs,
    peakRssBytes: memory.peakRssBytes,
    members: counts.members,
    links: counts.links,
    externalIds: counts.external_ids,
    seen: counts.seen,
  };
  printPhase(phase);
  return phase;
}

/** Members each invocation moved the job on by; the last one, the remainder, is left out when there are others. */
function membersPerInvocation(run: WorkerRun): number[] {
  const steps = run.invocations.map((invocation, i) => invocation.processed - (run.invocations[i - 1]?.processed ?? 0));
  return steps.length > 1 ? steps.slice(0, -1) : steps;
}

const answerCpu = (run: WorkerRun) => run.invocations.flatMap((invocation) => (invocation.answer === null ? [] : [invocation.answer.cpuMs]));
const processCpu = (run: WorkerRun) => run.invocations.flatMap((invocation) => (invocation.processCpuMs === null ? [] : [invocation.processCpuMs]));
const non200 = (run: WorkerRun) => run.invocations.filter((invocation) => invocation.status !== 200).length;
/** A handback gives its attempt back, so a job that ended with more than one had an invocation that stalled. */
const stalls = (run: WorkerRun) => Math.max(0, run.job.attempt - 1);

function printPhase(phase: SyncPhase): void {
  const { run } = phase;
  const steps = sorted(membersPerInvocation(run));
  const reported = sorted(answerCpu(run));
  const measured = sorted(processCpu(run));
  const range = (values: number[]) =>
    values.length === 0 ? 'none (no invocation answered)' : `median ${fmt(percentile(values, 0.5))}, max ${fmt(values.at(-1) ?? 0)} ms`;
  console.log(
    `   ${run.invocations.length} invocations in ${fmt(phase.wallMs / 1000, 1)} s; job ${run.job.status}, attempt ${run.job.attempt}` +
      `${run.idle ? '' : ' (STOPPED before the queue was empty)'}; ${non200(run)} answer(s) not 200`,
  );
  console.log(`   members per invocation: median ${fmt(percentile(steps, 0.5))}, min ${fmt(steps[0] ?? 0)}`);
  console.log(`   CPU per invocation, as the worker reports it (cpuMs): ${range(reported)}`);
  console.log(`   CPU per invocation, the Deno process's utime+stime:   ${range(measured)}`);
  console.log(`   peak RSS (VmHWM) ${fmt(mib(phase.peakRssBytes))} MiB`);
  console.log(
    `   in the database: ${fmt(phase.members)} members, ${fmt(phase.links)} links, ${fmt(phase.externalIds)} distinct external ids; the run saw ${fmt(phase.seen ?? 0)}`,
  );
}

function phaseFigures(phase: SyncPhase): Figure[] {
  const { run, label } = phase;
  const steps = sorted(membersPerInvocation(run));
  const reported = sorted(answerCpu(run));
  const measured = sorted(processCpu(run));
  const cpuTarget = { kind: 'max' as const, value: EDGE_CPU_LIMIT_MS };
  const figures: Figure[] = [
    { benchmark: BENCH, label: `${label}: invocations`, value: run.invocations.length, unit: '', note: `${fmt(phase.wallMs / 1000, 1)} s wall` },
    { benchmark: BENCH, label: `${label}: members per invocation, median`, value: percentile(steps, 0.5), unit: 'members' },
    {
      benchmark: BENCH,
      label: `${label}: members per invocation, min`,
      value: steps[0] ?? 0,
      unit: 'members',
      ...(run.invocations.length > 1 ? { note: 'the last invocation, a remainder, left out' } : {}),
    },
  ];
  // Only 200s carry cpuMs; a phase with none has only its problems to show.
  if (reported.length > 0) {
    figures.push(
      { benchmark: BENCH, label: `${label}: CPU per invocation (cpuMs), median`, value: percentile(reported, 0.5), unit: 'ms' },
      { benchmark: BENCH, label: `${label}: CPU per invocation (cpuMs), max`, value: reported.at(-1) ?? 0, unit: 'ms', target: cpuTarget },
    );
  }
  figures.push(
    { benchmark: BENCH, label: `${label}: Deno process CPU per invocation, median`, value: percentile(measured, 0.5), unit: 'ms' },
    {
      benchmark: BENCH,
      label: `${label}: Deno process CPU per invocation, max`,
      value: measured.at(-1) ?? 0,
      unit: 'ms',
      target: cpuTarget,
      note: '/proc utime+stime, every thread',
    },
    {
      benchmark: BENCH,
      label: `${label}: stalls`,
      value: stalls(run),
      unit: '',
      target: { kind: 'max', value: 1 },
      note: `job attempt ${run.job.attempt} at the end`,
    },
    { benchmark: BENCH, label: `${label}: answers not 200`, value: non200(run), unit: '', target: { kind: 'max', value: 1 } },
    {
      benchmark: BENCH,
      label: `${label}: peak RSS (VmHWM)`,
      value: mib(phase.peakRssBytes),
      unit: 'MiB',
      target: { kind: 'max', value: mib(EDGE_MEMORY_LIMIT_BYTES) },
    },
    {
      benchmark: BENCH,
      label: `${label}: wall time`,
      value: phase.wallMs / 1000,
      unit: 's',
      note: `${fmt((memberCount * 1000) / phase.wallMs)} members/s`,
    },
    {
      benchmark: BENCH,
      label: `${label}: members in the database`,
      value: phase.members,
      unit: 'members',
      note: `of ${fmt(memberCount)}; ${fmt(phase.links)} links, ${fmt(phase.externalIds)} distinct external ids`,
    },
  );
  return figures;
}

/** What a phase must have left for its figures to mean anything: the job done, every member once. */
function phaseProblems(phase: SyncPhase): string[] {
  const problems: string[] = [];
  if (!phase.run.idle) problems.push(`${phase.label}: stopped after ${phase.run.invocations.length} invocations with a job still queued or running`);
  if (phase.run.job.status !== 'succeeded')
    problems.push(`${phase.label}: the job ended ${phase.run.job.status} (${phase.run.job.error_code ?? 'no error code'})`);
  for (const [what, count] of [
    ['members', phase.members],
    ['links', phase.links],
    ['distinct external ids', phase.externalIds],
  ] as const) {
    if (count !== memberCount) problems.push(`${phase.label}: ${fmt(count)} ${what} in the database, not ${fmt(memberCount)}`);
  }
  return problems;
}

serverUrl();
const budgetText = cpuBudgetMs === null ? `the default CPU budget (${DEFAULT_CPU_BUDGET_MS} ms)` : `a CPU budget of ${cpuBudgetMs} ms`;
console.log(
  `\n== sync-worker within Supabase's limits: ${fmt(memberCount)} Cornerstone members, full sync then an unchanged re-sync; ` +
    `Deno with ${EDGE_HEAP_FLAGS.join(' ')}, ${budgetText}, called back to back as pg_cron would ==`,
);
const sim = await startBenchSim({ memberCount, seed, mode: 'child' });
const scratch = await createScratchDatabase(serverUrl());
const running: RunningFunction[] = [];
const figures: Figure[] = [];
const notes: string[] = [];
const problems: string[] = [];
try {
  console.log(`   ${(await describeServer(scratch.db)).line}`);
  console.log('   the simulator in its own process; the worker and the webhook function each in a Deno process of their own');
  const project = await seedWorkerProject(scratch, sim);
  const worker = await startFunction({
    name: 'sync-worker',
    env: project.syncWorkerEnv(cpuBudgetMs === null ? {} : { WORKER_CPU_BUDGET_MS: String(cpuBudgetMs) }),
    allowEnv: SYNC_WORKER_ENV,
    v8Flags: EDGE_HEAP_FLAGS,
  });
  running.push(worker);

  const phases = [await runSyncPhase('first full sync', worker, project, scratch), await runSyncPhase('unchanged re-sync', worker, project, scratch)];
  console.log(`   database ${await databaseSize(scratch.db)}`);
  for (const phase of phases) {
    figures.push(...phaseFigures(phase));
    problems.push(...phaseProblems(phase));
  }
  await worker.stop();

  console.log(`\n-- webhook burst: ${fmt(deliveries)} signed deliveries, ${concurrency} at a time --`);
  const webhook = await startFunction({ name: 'cornerstone-webhook', env: project.webhookEnv(), allowEnv: WEBHOOK_ENV, v8Flags: EDGE_HEAP_FLAGS });
  running.push(webhook);
  // Members spread over the register, each changed once.
  const { rows } = await scratch.db.query<{ external_id: string }>(
    `select external_id from sync.member_links where integration_id = $1 order by md5(external_id) limit $2`,
    [WORKER_INTEGRATION_ID, deliveries],
  );
  const burst = await sendWebhookBurst({
    endpoint: new URL(`functions/v1/cornerstone-webhook/${WORKER_INTEGRATION_ID}`, webhook.url).toString(),
    secret: project.webhookSecret,
    memberIds: rows.map((row) => row.external_id),
    concurrency,
    tag: `bench${Date.now()}`,
  });
  const webhookMemory = await readProcessMemory(webhook.pid);
  const answers = [...burst.answers].map(([answer, count]) => `${count} × ${answer}`).join(', ');
  console.log(`   ${answers} in ${fmt(burst.wallMs / 1000, 1)} s; peak RSS (VmHWM) ${fmt(mib(webhookMemory.peakRssBytes))} MiB`);
  figures.push({
    benchmark: BENCH,
    label: `webhook burst of ${fmt(deliveries)}: peak RSS (VmHWM)`,
    value: mib(webhookMemory.peakRssBytes),
    unit: 'MiB',
    target: { kind: 'max', value: mib(EDGE_MEMORY_LIMIT_BYTES) },
    note: `${answers}; ${fmt(burst.wallMs / 1000, 1)} s`,
  });
  if ((burst.answers.get('200 applied') ?? 0) !== deliveries) problems.push(`webhook burst: ${answers}, not ${fmt(deliveries)} × 200 applied`);
  notes.push(
    `worker limits: ${budgetText}, heap capped with ${EDGE_HEAP_FLAGS.join(' ')}; CPU from the answers' cpuMs and from /proc (10 ms steps); peak RSS is the kernel's VmHWM of the Deno process, reset before each sync`,
  );
} finally {
  await Promise.all(running.map((fn) => fn.stop()));
  await scratch.drop();
  await sim.close();
}

console.log('\nSummary');
printFigures(figures);
await saveFigures(values.json, figures, notes);
if (problems.length > 0) {
  console.error(`\nThe syncs did not end as they must, so the figures above are not a measurement of a working worker:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
