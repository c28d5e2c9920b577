import { fmt } from './report.ts';
import type { Probe } from './probe.ts';
import type { CpuSplit } from './cpu.ts';

/** Prints where one sync's wall time went, from the probe's measurements. */
export function printBreakdown(probe: Probe, wallMs: number, cpu: CpuSplit): void {
  const pct = (ms: number) => `${fmt(ms)} ms (${fmt((100 * ms) / wallMs)} %)`;
  const jsInWork = probe.workMs - inTransactionStatementMs(probe);
  const outside = wallMs - probe.transactionMs;
  console.log(`      wall ${fmt(wallMs)} ms; ${probe.transactions} transactions, ${probe.pages} pages`);
  console.log(
    `      in transactions: connect+BEGIN ${pct(probe.beginMs)}, statements ${pct(inTransactionStatementMs(probe))}, JS between statements ${pct(jsInWork)}, COMMIT ${pct(probe.commitMs)}`,
  );
  console.log(`      outside transactions (engine waiting for the next page): ${pct(outside)}`);
  console.log(
    `      page fetch (prefetched, overlaps the writes): ${fmt(probe.listMs)} ms in all, ${fmt(probe.listMs / Math.max(1, probe.pages), 1)} ms/page; ` +
      `HTTP alone ${fmt(probe.httpMs)} ms, ${fmt(probe.httpBytes / 1e6, 1)} MB; parse+validate+map ${fmt(probe.listMs - probe.httpMs)} ms`,
  );
  const cores = (ms: number) => `${fmt(ms / 1000, 1)} s (${fmt(ms / wallMs, 2)} cores)`;
  console.log(
    `      CPU: engine process ${cores(cpu.engineCpuMs)}, simulator ${cpu.simCpuMs === null ? 'in the engine process' : cores(cpu.simCpuMs)}, PostgreSQL ${cores(cpu.postgresCpuMs)}${cpu.ourPostgresCpuMs === null ? '' : ` (this database's backends ${cores(cpu.ourPostgresCpuMs)})`}, other processes ${cores(cpu.otherCpuMs)}`,
  );
  const top = [...probe.statements.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8);
  console.log('      statements by total time:');
  for (const [label, totals] of top) {
    console.log(
      `        ${fmt(totals.ms).padStart(7)} ms  ${String(totals.count).padStart(5)}×  ${fmt(totals.ms / totals.count, 2).padStart(7)} ms  ${label}`,
    );
  }
}

function inTransactionStatementMs(probe: Probe): number {
  // Every statement the engine sends during a sync is inside a transaction.
  return probe.statementMs;
}
