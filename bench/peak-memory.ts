import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createScratchDatabase, databaseSize, serverUrl } from './support/database.ts';
import { setUpEngine } from './support/engine.ts';
import { startBenchSim } from './support/sim-process.ts';
import { describeServer, startAutoAnalyze } from './support/server-settings.ts';
import { fmt, mib, printFigures, saveFigures, type Figure } from './support/report.ts';

const usage = `Usage: node --import tsx bench/peak-memory.ts [--sizes 100000,1000000] [--page-size 1000] [--seed 7] [--autoanalyze] [--json out.json]`;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    'page-size': { type: 'string', default: '1000' },
    seed: { type: 'string', default: '7' },
    json: { type: 'string' },
    child: { type: 'boolean', default: false },
    autoanalyze: { type: 'boolean', default: false },
    members: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const ChildReport = z.object({
  members: z.number(),
  seen: z.number(),
  wallMs: z.number(),
  /** process.resourceUsage().maxRSS (kernel high-water mark) before the sync started, bytes. */
  maxRssBeforeSync: z.number(),
  /** The same at the end: the process's lifetime peak. */
  maxRssLifetime: z.number(),
  /** Highest of process.memoryUsage() sampled every 25 ms during the sync. */
  sampledRss: z.number(),
  sampledHeapUsed: z.number(),
  sampledExternal: z.number(),
  rssBeforeSync: z.number(),
  heapUsedBeforeSync: z.number(),
  databaseSize: z.string(),
  server: z.string(),
});
type ChildReport = z.infer<typeof ChildReport>;

const pageSize = Number(values['page-size']);
const seed = Number(values.seed);

if (values.child) {
  // One full sync in this process; the simulator runs in a process of its own so its memory is not counted here.
  const members = Number(values.members);
  const sim = await startBenchSim({ memberCount: members, seed, mode: 'child' });
  const scratch = await createScratchDatabase(serverUrl());
  try {
    const engine = await setUpEngine(scratch.db, sim, { pageSize });
    const before = process.memoryUsage();
    const maxRssBeforeSync = process.resourceUsage().maxRSS * 1024;
    const peak = { rss: before.rss, heapUsed: before.heapUsed, external: before.external };
    const sample = () => {
      const now = process.memoryUsage();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
      peak.external = Math.max(peak.external, now.external);
    };
    const sampler = setInterval(sample, 25);
    const analyzer = values.autoanalyze ? startAutoAnalyze(scratch.db) : null;
    const result = await engine.sync('full');
    await analyzer?.stop();
    clearInterval(sampler);
    sample();
    if (result.outcome !== 'succeeded') throw new Error(`the sync ended ${result.outcome}`);
    const report: ChildReport = {
      members,
      seen: result.run.records_seen,
      wallMs: result.wallMs,
      maxRssBeforeSync,
      maxRssLifetime: process.resourceUsage().maxRSS * 1024,
      sampledRss: peak.rss,
      sampledHeapUsed: peak.heapUsed,
      sampledExternal: peak.external,
      rssBeforeSync: before.rss,
      heapUsedBeforeSync: before.heapUsed,
      databaseSize: await databaseSize(scratch.db),
      server: (await describeServer(scratch.db)).line,
    };
    process.send?.(report);
  } finally {
    await scratch.drop();
    await sim.close();
  }
  process.exit(0);
}

const sizes = values.sizes.split(',').map(Number);
if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(pageSize)) {
  console.error(usage);
  process.exit(2);
}
serverUrl();
const self = fileURLToPath(import.meta.url);

function runChild(members: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const flags = [
      '--child',
      '--members',
      String(members),
      '--page-size',
      String(pageSize),
      '--seed',
      String(seed),
      ...(values.autoanalyze ? ['--autoanalyze'] : []),
    ];
    const child = fork(self, flags, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: ChildReport | null = null;
    child.on('message', (message: unknown) => {
      report = ChildReport.parse(message);
    });
    child.on('error', reject);
    child.on('exit', (code) => (report ? resolve(report) : reject(new Error(`the child for ${members} members exited ${code} without a report`))));
  });
}

console.log(`\n== Peak memory of a full sync: ${sizes.map((n) => fmt(n)).join(' and ')} members, one child process each, page size ${pageSize} ==`);
const reports: ChildReport[] = [];
for (const members of sizes) {
  const started = performance.now();
  const report = await runChild(members);
  if (reports.length === 0) console.log(`   ${report.server}${values.autoanalyze ? ' (+ --autoanalyze)' : ''}`);
  reports.push(report);
  const m = (bytes: number) => `${fmt(mib(bytes))} MiB`;
  console.log(
    `${fmt(members)} members: synced ${fmt(report.seen)} in ${fmt(report.wallMs / 1000, 1)} s (${fmt((report.seen * 1000) / report.wallMs)} members/s; child ran ${fmt((performance.now() - started) / 1000, 1)} s, database ${report.databaseSize})`,
  );
  console.log(
    `      peak RSS (resourceUsage().maxRSS at the end) ${m(report.maxRssLifetime)}; before the sync ${m(report.maxRssBeforeSync)}; ` +
      `sampled during the sync: RSS ${m(report.sampledRss)}, heapUsed ${m(report.sampledHeapUsed)}, external ${m(report.sampledExternal)}; ` +
      `at the start of the sync RSS ${m(report.rssBeforeSync)}, heapUsed ${m(report.heapUsedBeforeSync)}`,
  );
}

const figures: Figure[] = [];
const BENCH = 'peak memory';
for (const report of reports) {
  figures.push({
    benchmark: BENCH,
    label: `peak RSS, ${fmt(report.members)} members`,
    value: mib(report.maxRssLifetime),
    unit: 'MiB',
    note: `sampled peak heapUsed ${fmt(mib(report.sampledHeapUsed))} MiB`,
  });
}
const [small, large] = reports;
if (small && large && reports.length === 2) {
  const ratio = large.maxRssLifetime / small.maxRssLifetime;
  figures.push({
    benchmark: BENCH,
    label: `peak RSS ratio ${fmt(large.members)} / ${fmt(small.members)}`,
    value: ratio,
    unit: '×',
    target: { kind: 'max', value: 1.3 },
  });
  figures.push({
    benchmark: BENCH,
    label: `sampled RSS ratio ${fmt(large.members)} / ${fmt(small.members)}`,
    value: large.sampledRss / small.sampledRss,
    unit: '×',
  });
  figures.push({
    benchmark: BENCH,
    label: `full sync at ${fmt(large.members)}`,
    value: (large.seen * 1000) / large.wallMs,
    unit: 'members/s',
    note: `${fmt(large.wallMs / 1000)} s`,
  });
}
console.log('\nSummary');
printFigures(figures);
await saveFigures(values.json, figures, [
  `peak memory: page size ${pageSize}; the simulator in its own process; maxRSS is the kernel's high-water mark of the child${values.autoanalyze ? '; --autoanalyze' : ''}`,
]);
