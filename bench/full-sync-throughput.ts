import { parseArgs } from 'node:util';
import { memberIdForIndex } from '../sim/cornerstone/records.ts';
import { backendPids, createScratchDatabase, databaseSize, serverUrl, type ScratchDatabase } from './support/database.ts';
import { appEditEmails, integrationId, orgId, setUpEngine, type EngineBench, type SyncResult } from './support/engine.ts';
import { canonicalRows, rawUpsert } from './support/raw-upsert.ts';
import { rawUnnestInsert } from './support/raw-unnest.ts';
import { estimateNight, NIGHT } from './support/night.ts';
import { DEFAULT_CPU_BUDGET_MS } from '../backend/engine/cpu-budget.ts';
import { startBenchSim, type BenchSim, type SimMode } from './support/sim-process.ts';
import { printBreakdown } from './support/breakdown.ts';
import { measureCpu, type CpuSplit } from './support/cpu.ts';
import { describeServer, startAutoAnalyze } from './support/server-settings.ts';
import { fmt, printFigures, saveFigures, type Figure } from './support/report.ts';

const usage = `Usage: node --import tsx bench/full-sync-throughput.ts [--members 100000] [--page-sizes 1000] [--repeat 3]
       [--sim child|in-process] [--raw-batch 1000] [--seed 7] [--autoanalyze] [--json out.json]
  --repeat       how many times (a) and the raw baselines run, each into a fresh database; the median is reported
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
const listed = (values: readonly number[], digits = 0) => values.map((value) => fmt(value, digits)).join(', ');
/** CPU per member is the figure the Edge Function's 2 s CPU limit is met or missed by. */
const usPerMember = (cpuMs: number, members: number) => (cpuMs * 1000) / members;
/** How many members one sync-worker invocation gets through at that cost, within its CPU budget. */
const membersPerInvocation = (us: number) => (DEFAULT_CPU_BUDGET_MS * 1000) / us;

console.log(`\n== Full-sync throughput: ${fmt(memberCount)} simulated members into PostgreSQL ==`);
console.log(`   simulator: ${simMode === 'child' ? 'a separate Node process (IPC for levers, HTTP for data)' : 'in the engine process'}`);

// ---- (d) the baseline: a raw bulk upsert of the same canonical rows ----
const { rows, quarantined } = await canonicalRows(memberCount, seed);
console.log(`   canonical rows: ${fmt(rows.length)} mapped by mapCornerstoneRecord up front (${quarantined} quarantined), untimed`);
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
/** One round of (e): all new members and their links, written as the engine writes new members. */
const unnestRound = async (): Promise<{ rate: number; cpu: CpuSplit }> => {
  const scratch = await freshRawDatabase();
  try {
    const { result, ...cpu } = await measureCpu(
      () => rawUnnestInsert(scratch.db, rows, { orgId, integrationId, batchSize: rawBatch }),
      async () => null,
      () => backendPids(scratch.db),
    );
    return { rate: rate(rows.length, result.ms), cpu };
  } finally {
    await scratch.drop();
  }
};
const baselineCpu = (cpu: CpuSplit) =>
  `(CPU: bench process ${fmt(cpu.engineCpuMs)} ms, PostgreSQL ${fmt(cpu.postgresCpuMs)} ms, other processes ${fmt(cpu.otherCpuMs)} ms)`;

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

    const measured = async (engine: EngineBench, label: string, expectSeen: number): Promise<SyncResult & { cpu: CpuSplit; cpuUs: number }> => {
      const analyzer = values.autoanalyze && scratch ? startAutoAnalyze(scratch.db) : null;
      const db = scratch?.db;
      const { result, ...cpu } = await measureCpu(() => engine.sync('full'), simCpu, db ? () => backendPids(db) : undefined);
      const analyses = (await analyzer?.stop()) ?? 0;
      if (analyzer) console.log(`      (--autoanalyze ran ANALYZE ${analyses} times during this sync)`);
      if (result.outcome !== 'succeeded') throw new Error(`${label}: the job ended ${result.outcome} (run ${result.run.status})`);
      const r = result.run;
      console.log(
        `${label}: ${fmt(r.records_seen)} members in ${fmt(result.wallMs)} ms → ${fmt(rate(r.records_seen, result.wallMs))} members/s` +
          `  [created ${fmt(r.records_created)}, updated ${fmt(r.records_updated)}, unchanged ${fmt(r.records_unchanged)}, quarantined ${r.records_quarantined}, lapsed ${r.records_lapsed}, removed ${r.records_removed}, conflicts ${r.conflicts_detected} (${r.conflicts_queued} queued)]`,
      );
      if (r.records_seen !== expectSeen) console.log(`      (expected ${fmt(expectSeen)} records)`);
      printBreakdown(engine.probe, result.wallMs, cpu);
      const cpuUs = usPerMember(cpu.engineCpuMs, r.records_seen);
      console.log(`      engine CPU per member: ${fmt(cpuUs, 2)} µs`);
      return { ...result, cpu, cpuUs };
    };

    // (a) into a fresh database each time, against the same simulator, each round paired with a
    // round of (d) and one of (e) just before it, so that all three see the machine in the same
    // state (a checkpoint, a busy neighbour); the ratios are the medians of the rounds'. (b) and
    // (c) go on in the last database.
    const firstRates: number[] = [];
    const firstCpuUs: number[] = [];
    const rawRates: number[] = [];
    const unnestRates: number[] = [];
    const ratios: number[] = [];
    const unnestRatios: number[] = [];
    let engine: EngineBench | null = null;
    for (let round = 1; round <= repeat; round++) {
      const of = repeat > 1 ? ` [${round} of ${repeat}]` : '';
      const baseline = await rawRound();
      rawRates.push(baseline.rate);
      console.log(`\n(d) raw bulk upsert, all new, fresh database${of}: ${fmt(baseline.rate)} members/s  ${baselineCpu(baseline.cpu)}`);
      const unnest = await unnestRound();
      unnestRates.push(unnest.rate);
      console.log(
        `(e) raw unnest insert, members + links, one tx/batch of ${rawBatch}, fresh database${of}: ${fmt(unnest.rate)} members/s  ${baselineCpu(unnest.cpu)}`,
      );
      if (scratch) await scratch.drop();
      scratch = await createScratchDatabase(server);
      engine = await setUpEngine(scratch.db, sim, { pageSize });
      if (round === 1) console.log(`-- engine, page size ${pageSize}: ${engine.sourcePath}`);
      const first = await measured(engine, `(a) first full sync, all new${of}`, memberCount);
      const firstRate = rate(first.run.records_seen, first.wallMs);
      firstRates.push(firstRate);
      firstCpuUs.push(first.cpuUs);
      ratios.push(firstRate / baseline.rate);
      unnestRatios.push(firstRate / unnest.rate);
    }
    if (!scratch || !engine) throw new Error('--repeat must be at least 1');
    const firstRate = median(firstRates);
    const firstUs = median(firstCpuUs);
    const rawRate = median(rawRates);
    const unnestRate = median(unnestRates);
    const ratio = median(ratios);
    const unnestRatio = median(unnestRatios);
    if (repeat > 1) {
      console.log(`\n(d) median of ${repeat}: ${fmt(rawRate)} members/s (${listed(rawRates)})`);
      console.log(`(e) median of ${repeat}: ${fmt(unnestRate)} members/s (${listed(unnestRates)})`);
      console.log(
        `(a) median of ${repeat}: ${fmt(firstRate)} members/s (${listed(firstRates)}); engine CPU ${fmt(firstUs, 2)} µs/member (${listed(firstCpuUs, 2)})`,
      );
      console.log(`(a)/(d) per round: ${listed(ratios, 2)}; median ${fmt(ratio, 2)}`);
      console.log(`(a)/(e) per round: ${listed(unnestRatios, 2)}; median ${fmt(unnestRatio, 2)}`);
    }

    // The read floor right before (b), against the same simulator state: what (b) would cost if
    // comparing and writing were free. (b) over it says how much of an unchanged re-sync is reading.
    const { result: floor, ...floorCpu } = await measureCpu(() => engine.readFloor(), simCpu);
    const floorUs = usPerMember(floorCpu.engineCpuMs, floor.records);
    console.log(
      `\nread floor: ${fmt(floor.records)} members in ${fmt(floor.wallMs)} ms → ${fmt(rate(floor.records, floor.wallMs))} members/s, ` +
        `${floor.pages} pages through the same adapter, nothing written (${floor.quarantined} quarantined)`,
    );
    console.log(
      `      HTTP ${fmt(engine.probe.httpMs)} ms, parse+validate+map ${fmt(engine.probe.listMs - engine.probe.httpMs)} ms; ` +
        `CPU: engine process ${fmt(floorCpu.engineCpuMs)} ms, simulator ${floorCpu.simCpuMs === null ? 'in the engine process' : `${fmt(floorCpu.simCpuMs)} ms`}, other processes ${fmt(floorCpu.otherCpuMs)} ms`,
    );
    console.log(`      engine CPU per member: ${fmt(floorUs, 2)} µs`);
    const unchanged = await measured(engine, '(b) re-sync, nothing changed', memberCount);
    const floorShare = floorUs / unchanged.cpuUs;
    const floorWallShare = floor.wallMs / unchanged.wallMs;
    console.log(
      `   (b) against the read floor: CPU ${fmt(floorShare, 2)} (${fmt(floorUs, 2)} / ${fmt(unchanged.cpuUs, 2)} µs/member; goal ≥ 0.8), ` +
        `wall ${fmt(floorWallShare, 2)} (for information)`,
    );

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

    const budget = `${fmt(DEFAULT_CPU_BUDGET_MS)} ms`;
    console.log(`\n-- Engine CPU per member, and what it means for one sync-worker invocation (budget ${budget} of CPU):`);
    for (const [kind, us] of [
      [`(a) first sync${repeat > 1 ? ` (median of ${repeat})` : ''}`, firstUs],
      ['(b) unchanged re-sync', unchanged.cpuUs],
      ['(c) re-sync after changes', changed.cpuUs],
    ] as const) {
      console.log(`   ${kind.padEnd(32)} ${fmt(us, 2).padStart(6)} µs/member → ${fmt(membersPerInvocation(us)).padStart(9)} members per invocation`);
    }

    // Every member (c) created or changed; a run counts lapses apart from its updates.
    const changedInC = changed.run.records_created + changed.run.records_updated + changed.run.records_lapsed;
    const night = estimateNight(
      {
        unchangedUsPerMember: unchanged.cpuUs,
        changedRun: {
          cpuMs: changed.cpu.engineCpuMs,
          seen: changed.run.records_seen,
          changed: changedInC,
        },
      },
      DEFAULT_CPU_BUDGET_MS,
    );
    const nightShape = `${NIGHT.organizations} organizations × ${fmt(NIGHT.membersPerOrganization)} members, ${fmt(NIGHT.changedPerOrganization)} changed in each`;
    console.log(`\n-- A night, extrapolated from measured per-member costs, not run: ${nightShape}`);
    console.log(
      `   unchanged member ${fmt(unchanged.cpuUs, 2)} µs (b); changed member ${fmt(night.extraUsPerChangedMember, 2)} µs more ` +
        `(from (c): ${fmt(changed.cpu.engineCpuMs)} ms CPU for ${fmt(changed.run.records_seen)} members, ` +
        `${fmt(changedInC)} of them created, updated or lapsed)`,
    );
    console.log(
      `   per organization ${fmt(night.cpuMsPerOrganization)} ms CPU → ${night.invocationsPerOrganization} invocation(s) at ${budget}; ` +
        `the night: ${fmt(night.cpuSeconds, 1)} s of engine CPU in ${fmt(night.invocations)} invocations`,
    );

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
      label: `raw unnest insert (members + links, all new), ${suffix}`,
      value: unnestRate,
      unit: 'members/s',
      note: `as the engine inserts new members${repeat > 1 ? `; median of ${repeat}: ${listed(unnestRates)}` : ''}`,
    });
    figures.push({
      benchmark: BENCH,
      label: `(a) ratio engine/raw, ${suffix}`,
      value: ratio,
      unit: '',
      target: { kind: 'min', value: 0.5 },
      ...(repeat > 1 ? { note: `median of the rounds' ratios: ${listed(ratios, 2)}` } : {}),
    });
    figures.push({
      benchmark: BENCH,
      label: `(a) ratio engine/raw unnest, ${suffix}`,
      value: unnestRatio,
      unit: '',
      ...(repeat > 1 ? { note: `median of the rounds' ratios: ${listed(unnestRatios, 2)}` } : {}),
    });
    figures.push({
      benchmark: BENCH,
      label: `(a) engine CPU per member, ${suffix}`,
      value: firstUs,
      unit: 'µs',
      target: { kind: 'max', value: 10 },
      ...(repeat > 1 ? { note: `median of ${repeat}: ${listed(firstCpuUs, 2)}` } : {}),
    });
    figures.push({
      benchmark: BENCH,
      label: `(b) re-sync unchanged, ${suffix}`,
      value: rate(unchanged.run.records_seen, unchanged.wallMs),
      unit: 'members/s',
    });
    figures.push({
      benchmark: BENCH,
      label: `(b) engine CPU per member, ${suffix}`,
      value: unchanged.cpuUs,
      unit: 'µs',
      target: { kind: 'max', value: 6 },
    });
    figures.push({
      benchmark: BENCH,
      label: `read floor engine CPU per member, ${suffix}`,
      value: floorUs,
      unit: 'µs',
      note: `every page fetched, parsed, validated and mapped, nothing written: ${fmt(rate(floor.records, floor.wallMs))} members/s`,
    });
    figures.push({
      benchmark: BENCH,
      label: `(b) unchanged re-sync against the read floor, ${suffix}`,
      value: floorShare,
      unit: '',
      target: { kind: 'min', value: 0.8 },
      note: `CPU/member, floor ÷ (b); wall time ${fmt(floorWallShare, 2)}`,
    });
    figures.push({
      benchmark: BENCH,
      label: `(c) re-sync after changes, ${suffix}`,
      value: rate(changed.run.records_seen, changed.wallMs),
      unit: 'members/s',
      note: `${changed.run.conflicts_detected} conflicts (${changed.run.conflicts_queued} queued), ${changed.run.records_updated} updated`,
    });
    figures.push({
      benchmark: BENCH,
      label: `(c) engine CPU per member, ${suffix}`,
      value: changed.cpuUs,
      unit: 'µs',
      note: `${fmt(night.extraUsPerChangedMember, 1)} µs more per created, updated or lapsed member than (b)`,
    });
    figures.push({
      benchmark: BENCH,
      label: `(a) members per invocation, from measured CPU/member, ${suffix}`,
      value: membersPerInvocation(firstUs),
      unit: 'members',
      note: `${budget} CPU budget ÷ ${fmt(firstUs, 2)} µs`,
    });
    figures.push({
      benchmark: BENCH,
      label: `(b) members per invocation, from measured CPU/member, ${suffix}`,
      value: membersPerInvocation(unchanged.cpuUs),
      unit: 'members',
      target: { kind: 'min', value: 200_000 },
      note: `${budget} CPU budget ÷ ${fmt(unchanged.cpuUs, 2)} µs`,
    });
    const extrapolated = `extrapolated from measured per-member costs, not run: ${nightShape}`;
    figures.push({
      benchmark: BENCH,
      label: `night engine CPU (extrapolated), ${suffix}`,
      value: night.cpuSeconds,
      unit: 's',
      note: extrapolated,
    });
    figures.push({
      benchmark: BENCH,
      label: `night invocations (extrapolated), ${suffix}`,
      value: night.invocations,
      unit: '',
      note: `${night.invocationsPerOrganization} per organization at ${budget}; ${extrapolated}`,
    });
    console.log(`   ratio engine (a) / raw upsert: ${fmt(ratio, 2)} (target ≥ 0.5); (a) / raw unnest insert: ${fmt(unnestRatio, 2)}`);
  } finally {
    await scratch?.drop();
    await sim?.close();
  }
}

notes.push(
  `throughput: simulator ${simMode === 'child' ? 'in its own process' : 'in the engine process'}; raw baseline batches of ${rawBatch}; ${settings.line}${values.autoanalyze ? ' (+ --autoanalyze)' : ''}`,
);
// In one process the simulator's page building is counted as the engine's.
if (simMode === 'in-process') notes.push('throughput: --sim in-process, so the engine CPU figures include the simulator');
console.log('\nSummary');
printFigures(figures);
await saveFigures(values.json, figures, notes);
