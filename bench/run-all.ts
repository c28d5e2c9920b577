import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serverUrl } from './support/database.ts';
import { FigureFile, describeTarget, fmt, meets, type Figure } from './support/report.ts';

const usage = `Usage: npm run bench -- [--only throughput,memory,webhook,lists,connection,vipps,remote,worker] [--quick]
  --only     run some of the benchmarks (default: all eight, in that order)
  --quick    small sizes for a quick look: 20 000 members once, memory at 10 000 and 50 000, webhooks for 10 s,
             list pages at 10 000 rows,
             Vipps logins for 10 s, 50 admin-api calls each, the worker under Deno at 50 000 members
  Any other flag goes to the benchmarks that take it, e.g. --page-sizes 1000, --sizes 100000,300000,
  --seconds 10, --autoanalyze, --cpu-budget-ms 1000.`;

const { values, tokens } = parseArgs({
  options: {
    only: { type: 'string', default: 'throughput,memory,webhook,lists,connection,vipps,remote,worker' },
    quick: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
  strict: false,
  tokens: true,
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const benchmarks = {
  throughput: {
    file: 'full-sync-throughput.ts',
    quick: ['--members', '20000', '--repeat', '1'],
    own: ['members', 'page-sizes', 'repeat', 'sim', 'raw-batch', 'seed', 'autoanalyze'],
  },
  memory: { file: 'peak-memory.ts', quick: ['--sizes', '10000,50000'], own: ['sizes', 'page-size', 'seed', 'autoanalyze'] },
  webhook: { file: 'webhook-latency.ts', quick: ['--members', '20000', '--seconds', '10'], own: ['members', 'rate', 'seconds', 'poll-ms', 'seed'] },
  lists: { file: 'list-pages.ts', quick: ['--list-sizes', '10000'], own: ['list-sizes', 'depth'] },
  connection: { file: 'connection-test.ts', quick: ['--repeat', '5'], own: ['repeat', 'members'] },
  vipps: { file: 'vipps-enrichment.ts', quick: ['--members', '5000', '--seconds', '10'], own: ['members', 'rate', 'seconds'] },
  remote: { file: 'admin-api-latency.ts', quick: ['--calls', '50'], own: ['calls'] },
  worker: {
    file: 'worker-limits.ts',
    quick: ['--members', '50000'],
    own: ['members', 'cpu-budget-ms', 'deliveries', 'concurrency', 'seed'],
  },
} as const;
type BenchmarkName = keyof typeof benchmarks;

const selected = String(values.only)
  .split(',')
  .map((name) => name.trim());
for (const name of selected) {
  if (!(name in benchmarks)) {
    console.error(`Unknown benchmark "${name}"\n${usage}`);
    process.exit(2);
  }
}

// Flags run-all does not know go to every benchmark that takes them.
// Unknown to parseArgs, `--flag value` arrives as an option followed by a positional.
const passThrough = new Map<string, string | null>();
tokens.forEach((token, i) => {
  if (token.kind !== 'option' || ['only', 'quick', 'help'].includes(token.name)) return;
  const next = tokens[i + 1];
  passThrough.set(token.name, token.value ?? (next?.kind === 'positional' ? next.value : null));
});

serverUrl();
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const scratch = await mkdtemp(path.join(tmpdir(), 'msync-bench-'));

function run(name: BenchmarkName, jsonPath: string): Promise<number | null> {
  const spec = benchmarks[name];
  const args: string[] = [...(values.quick ? spec.quick : [])];
  for (const [flag, value] of passThrough) {
    if ((spec.own as readonly string[]).includes(flag)) args.push(`--${flag}`, ...(value === null ? [] : [value]));
  }
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, spec.file), ...args, '--json', jsonPath], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

const figures: Figure[] = [];
const notes: string[] = [];
const failed: string[] = [];
const started = performance.now();
try {
  for (const name of selected as BenchmarkName[]) {
    const jsonPath = path.join(scratch, `${name}.json`);
    const code = await run(name, jsonPath);
    if (code !== 0) {
      failed.push(`${name} (exit ${code})`);
      continue;
    }
    const saved = FigureFile.parse(JSON.parse(await readFile(jsonPath, 'utf8')));
    figures.push(...saved.figures);
    notes.push(...saved.notes);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}

console.log(`\n================ Benchmark summary (${fmt((performance.now() - started) / 1000)} s) ================`);
let benchmark = '';
for (const figure of figures) {
  if (figure.benchmark !== benchmark) {
    benchmark = figure.benchmark;
    console.log(`\n${benchmark}`);
  }
  const digits = Math.abs(figure.value) < 10 ? 2 : 0;
  const ok = meets(figure);
  const target = figure.target ? ` (target ${describeTarget(figure)}${ok ? '' : ', missed'})` : '';
  console.log(
    `  ${figure.label}: ${fmt(figure.value, digits)}${figure.unit ? ` ${figure.unit}` : ''}${target}${figure.note ? `  — ${figure.note}` : ''}`,
  );
}
for (const note of notes) console.log(`  · ${note}`);
if (failed.length > 0) console.log(`\nDid not finish: ${failed.join(', ')}`);
console.log('\nFigures are measurements, not a pass/fail gate: the exit code only says whether every benchmark ran.');
process.exit(failed.length > 0 ? 1 : 0);
