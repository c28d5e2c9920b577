import { parseArgs } from 'node:util';
import { memberIdForIndex } from '../sim/cornerstone/records.ts';
import { backendPids, createScratchDatabase, databaseSize, serverUrl, type ScratchDatabase } from './support/database.ts';
import { appEditEmails, integrationId, orgId, setUpEngine, type EngineBench, type SyncResult } from './support/engine.ts';
import { canonicalRows, rawUpsert } from './support/raw-upsert.ts';
import { startBenchSim, type BenchSim, type SimMode } from './support/sim-process.ts';
import { printBreakdown } from './support/breakdown.ts';
import { measureCpu, type CpuSplit } from './support/cpu.ts';
import { describeServer, startAutoAnalyze } from './support/server-settings.ts';
import { fmt, printFigures, saveFigures, type Figure } from './support/report.ts';

const usage = `Usage: node --import tsx bench/full-sync-throughput.ts [--members 100000] [--page-sizes 1000] [--repeat 3]
       [--sim child|in-process] [--raw-batch 1000] [--seed 7] [--autoanalyze] [--json out.json]
  --repeat       how many times (a) and the raw baseline run, each into a fresh database; the median is reported
  --autoanalyze  apply autovacuum's analyze rule every second during each sync (for a server with autovacuum off)`;

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '100000' },
    'page-sizes': { type: 'string', default: '1000' },
    sim: { type: 'string', default: 'child' },
    'raw-batch': { type: 'string', default: '1000' },
    repeat: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    autoanalyze: { type: 'boolean', default: false },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const memberCount = Number(values.members);
const pageSizes = values['page-sizes'].split(',').map(Number);
const rawBatch = Number(values['raw-batch']);
const seed = Number(values.seed);
const simMode = values.sim as SimMode;
const repeat = Number(values.repeat);
if (
  !Number.isInteger(repeat) ||
  repeat < 1 ||
  !Number.isInteger(memberCount) ||
  memberCount < 1 ||
  pageSizes.some((size) => !Number.isInteger(size) || size < 1 || size > 1000)
) {
  console.error(usage);
  process.exit(2);
}
if (simMode !== 'child' && simMode !== 'in-process') {
  console.error(`--sim must be child or in-process\n${usage}`);
  process.exit(2);
}

const server = serverUrl();
const figures: Figure[] = [];
const notes: string[] = [];
const BENCH = 'full-sync throughput';
const rate = (count: number, ms: number) => (count * 1000) / ms;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const listed = (values: readonly number[]) => values.map((value) => fmt(value)).join(', ');

console.log(`\n== Full-sync throughput: ${fmt(memberCount)} simulated members into PostgreSQL ==`);
console.log(`   simulator: ${simMode === 'child' ? 'a separate Node process (IPC for levers, HTTP for data)' : 'in the engine process'}`);

// ---- (d) the baseline: a raw bulk upsert of the same canonical rows ----
const { rows, rejected } = await canonicalRows(memberCount, seed);
console.log(`   canonical rows: ${fmt(rows.length)} mapped by mapCornerstoneRecord up front (${rejected} rejected), untimed`);
// Each round into a fresh database, as each first sync (a) below gets one.
const freshRawDatabase = async (): Promise<ScratchDatabase> => {
  const scratch = await createScratchDatabase(server);
  await setUpEngine(scratch.db, { url: 'http://127.0.0.1:9', credentials: { username: 'u', password: 'p', clientId: 'c' } }, { pageSize: 500 });
  return scratch;
};
const upsertInto = (db: ScratchDatabase['db'], withLinks: boolean) => rawUpsert(db, rows, { orgId, integrationId, batchSize: rawBatch, withLinks });
/** One round of (d): all new members into a fresh database. */
const rawRound = async (): Promise<{ rate: number; cpu: CpuSplit }> => {
  const scratch = await freshRawDatabase();
  try {
    const { result, ...cpu } = await measureCpu(
      () => upsertInto(scratch.db, false),
      async () => null,
      () => backendPids(scratch.db),
    );
    return { rate: rate(rows.length, result.ms), cpu };
  } finally {
    await scratch.drop();
  }
};

const raw = await freshRawDatabase();
const settings = await describeServer(raw.db);
console.log(
  `   ${settings.line}${values.autoanalyze ? "; --autoanalyze: the bench analyzes the sync tables by autovacuum's rule every second" : ''}`,
);
if (!settings.autovacuum && !values.autoanalyze) {
  console.log('   (autovacuum is off: a fresh database keeps no planner statistics while it fills; see bench/README.md)');
}
try {
  const fresh = await upsertInto(raw.db, false);
  const again = await upsertInto(raw.db, false);
  await raw.db.query(`truncate sync.members cascade`);
  const withLinks = await upsertInto(raw.db, true);
  console.log(
    `\n(d) raw bulk upsert, batches of ${rawBatch}, jsonb_to_recordset, same openNodePostgres driver (the ratio's rounds come with (a) below):`,
  );
  console.log(
    `      sync.members only, all new:          ${fmt(fresh.ms)} ms → ${fmt(rate(rows.length, fresh.ms))} members/s (a first look, not counted)`,
  );
  console.log(
    `      sync.members only, all existing:     ${fmt(again.ms)} ms → ${fmt(rate(rows.length, again.ms))} members/s (on conflict do update)`,
  );
  console.log(`      members + member_links, one tx/batch: ${fmt(withLinks.ms)} ms → ${fmt(rate(rows.length, withLinks.ms))} members/s`);
  figures.push({ benchmark: BENCH, label: 'raw bulk upsert (members + links)', value: rate(rows.length, withLinks.ms), unit: 'members/s' });
} finally {
  await raw.drop();
}

// ---- (a)–(c) the real engine, once per page size ----
for (const pageSize of pageSizes) {
  let scratch: ScratchDatabase | null = null;
  let sim: BenchSim | null = null;
  try {
    sim = await startBenchSim({ memberCount, seed, mode: simMode });
    const simCpu = async () => (await sim?.stats())?.cpuMs ?? null;

    const measured = async (engine: EngineBench, label: string, expectSeen: number): Promise<SyncResult> => {
      const analyzer = values.autoanalyze && scratch ? startAutoAnalyze(scratch.db) : null;
      const db = scratch?.db;
      const { result, ...cpu } = await measureCpu(() => engine.sync('full'), simCpu, db ? () => backendPids(db) : undefined);
      const analyses = (await analyzer?.stop()) ?? 0;
      if (analyzer) console.log(`      (--autoanalyze ran ANALYZE ${analyses} times during this sync)`);
      if (result.outcome !== 'succeeded') throw new Error(`${label}: the job ended ${result.outcome} (run ${result.run.status})`);
      const r = result.run;
      console.log(
        `${label}: ${fmt(r.records_seen)} members in ${fmt(result.wallMs)} ms → ${fmt(rate(r.records_seen, result.wallMs))} members/s` +
          `  [created ${fmt(r.records_created)}, updated ${fmt(r.records_updated)}, unchanged ${fmt(r.records_unchanged)}, quarantined ${r.records_failed}, lapsed ${r.records_lapsed}, removed ${r.records_removed}, conflicts ${r.conflicts_detected} (${r.conflicts_queued} queued)]`,
      );
      if (r.records_seen !== expectSeen) console.log(`      (expected ${fmt(expectSeen)} records)`);
      printBreakdown(engine.probe, result.wallMs, cpu);
      return result;
    };

    // (a) into a fresh database each time, against the same simulator, each round paired with a
    // round of (d) just before it, so that both see the machine in the same state (a checkpoint,
    // a busy neighbour); the ratio is the median of the pairs'. (b) and (c) go on in the last database.
    const firstRates: number[] = [];
    const rawRates: number[] = [];
    const ratios: number[] = [];
    let engine: EngineBench | null = null;
    for (let round = 1; round <= repeat; round++) {
      const baseline = await rawRound();
      rawRates.push(baseline.rate);
      const of = repeat > 1 ? ` [${round} of ${repeat}]` : '';
      console.log(
        `\n(d) raw bulk upsert, all new, fresh database${of}: ${fmt(baseline.rate)} members/s` +
          `  (CPU: bench process ${fmt(baseline.cpu.engineCpuMs)} ms, PostgreSQL ${fmt(baseline.cpu.postgresCpuMs)} ms, other processes ${fmt(baseline.cpu.otherCpuMs)} ms)`,
      );
      if (scratch) await scratch.drop();
      scratch = await createScratchDatabase(server);
      engine = await setUpEngine(scratch.db, sim, { pageSize });
      if (round === 1) console.log(`-- engine, page size ${pageSize}: ${engine.sourcePath}`);
      const first = await measured(engine, `(a) first full sync, all new${of}`, memberCount);
      const firstRate = rate(first.run.records_seen, first.wallMs);
      firstRates.push(firstRate);
      ratios.push(firstRate / baseline.rate);
    }
    if (!scratch || !engine) throw new Error('--repeat must be at least 1');
    const firstRate = median(firstRates);
    const rawRate = median(rawRates);
    const ratio = median(ratios);
    if (repeat > 1) {
      console.log(`\n(d) median of ${repeat}: ${fmt(rawRate)} members/s (${listed(rawRates)})`);
      console.log(`(a) median of ${repeat}: ${fmt(firstRate)} members/s (${listed(firstRates)})`);
      console.log(`(a)/(d) per round: ${ratios.map((value) => fmt(value, 2)).join(', ')}; median ${fmt(ratio, 2)}`);
    }
    const unchanged = await measured(engine, '(b) re-sync, nothing changed', memberCount);

    // ~5 % of the register changes in Cornerstone, and the app edits 1 %, half of them the same members.
    const share = (fraction: number) => Math.max(1, Math.round(memberCount * fraction));
    const plan = {
      joins: share(0.002),
      lapses: share(0.003),
      roleChanges: share(0.012),
      chapterMoves: share(0.007),
      contactChanges: share(0.025),
      removals: share(0.001),
    };
    const evolved = await sim.evolve(plan);
    const joined = new Set(evolved.changed.slice(0, plan.joins));
    const changedExisting = evolved.changed.filter((id) => !joined.has(id));
    const touched = new Set([...evolved.changed, ...evolved.removed]);
    const editsOnChanged = changedExisting.filter((_, i) => i % 5 === 0).slice(0, share(0.005));
    const editsElsewhere: string[] = [];
    for (let i = 0; editsElsewhere.length < share(0.005) && i < memberCount; i++) {
      const id = memberIdForIndex((i * 7919) % memberCount);
      if (!touched.has(id)) editsElsewhere.push(id);
    }
    const edited = await appEditEmails(scratch.db, [...editsOnChanged, ...editsElsewhere], 'app');
    console.log(
      `   evolve: ${fmt(evolved.changed.length)} changed (${Object.entries(plan)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), ${evolved.removed.length} removed; ` +
        `app edits (email, as service_role, trigger-recorded): ${fmt(edited)} members, ${fmt(editsOnChanged.length)} of them also changed in Cornerstone`,
    );
    const changed = await measured(engine, '(c) re-sync after ~5 % changed + app edits', memberCount + plan.joins - plan.removals);
    console.log(`   database size after (c): ${await databaseSize(scratch.db)}`);

    const suffix = `page ${pageSize}`;
    figures.push({
      benchmark: BENCH,
      label: `raw bulk upsert (members, all new), ${suffix}`,
      value: rawRate,
      unit: 'members/s',
      ...(repeat > 1 ? { note: `median of ${repeat}: ${listed(rawRates)}` } : {}),
    });
    figures.push({
      benchmark: BENCH,
      label: `(a) first full sync, ${suffix}`,
      value: firstRate,
      unit: 'members/s',
      target: { kind: 'min', value: 20_000 },
      ...(repeat > 1 ? { note: `median of ${repeat}: ${listed(firstRates)}` } : {}),
    });
    figures.push({
      benchmark: BENCH,
      label: `(a) ratio engine/raw, ${suffix}`,
      value: ratio,
      unit: '',
      target: { kind: 'min', value: 0.5 },
      ...(repeat > 1 ? { note: `median of the rounds' ratios: ${ratios.map((value) => fmt(value, 2)).join(', ')}` } : {}),
    });
    figures.push({
      benchmark: BENCH,
      label: `(b) re-sync unchanged, ${suffix}`,
      value: rate(unchanged.run.records_seen, unchanged.wallMs),
      unit: 'members/s',
    });
    figures.push({
      benchmark: BENCH,
      label: `(c) re-sync after changes, ${suffix}`,
      value: rate(changed.run.records_seen, changed.wallMs),
      unit: 'members/s',
      note: `${changed.run.conflicts_detected} conflicts (${changed.run.conflicts_queued} queued), ${changed.run.records_updated} updated`,
    });
    console.log(`   ratio engine (a) / raw upsert: ${fmt(ratio, 2)} (target ≥ 0.5)`);
  } finally {
    await scratch?.drop();
    await sim?.close();
  }
}

notes.push(
  `throughput: simulator ${simMode === 'child' ? 'in its own process' : 'in the engine process'}; raw baseline batches of ${rawBatch}; ${settings.line}${values.autoanalyze ? ' (+ --autoanalyze)' : ''}`,
);
console.log('\nSummary');
printFigures(figures);
await saveFigures(values.json, figures, notes);
