import { parseArgs } from 'node:util';
import { asCaller } from '../backend/db/as-caller.ts';
import { startWebhookServer } from '../backend/webhooks/webhook-server.node.ts';
import { startCornerstoneSim } from '../sim/cornerstone/server.ts';
import { backendPids, createScratchDatabase, serverUrl } from './support/database.ts';
import { integrationId, SERVICE, setUpEngine } from './support/engine.ts';
import { fmt, percentile, printFigures, saveFigures, type Figure } from './support/report.ts';
import { Probe } from './support/probe.ts';
import { describeServer } from './support/server-settings.ts';
import { measureCpu } from './support/cpu.ts';

const usage = `Usage: node --import tsx bench/webhook-latency.ts [--members 100000] [--rate 50] [--seconds 30] [--poll-ms 10] [--seed 7] [--json out.json]`;

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    'poll-ms': { type: 'string', default: '10' },
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
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const pollMs = Number(values['poll-ms']);
const seed = Number(values.seed);
const eventCount = Math.round(rate * seconds);
if (![memberCount, rate, seconds, pollMs].every((n) => Number.isFinite(n) && n > 0) || eventCount > memberCount) {
  console.error(usage);
  process.exit(2);
}

const SECRET = `whsec-bench-${Math.random().toString(16).slice(2)}`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

console.log(`\n== Webhook-to-applied latency: ${rate} changes/s for ${seconds} s into a register of ${fmt(memberCount)} ==`);
// In the same process as the webhook server: the change's start time and the poll share one clock.
const sim = await startCornerstoneSim({ memberCount, seed });
const scratch = await createScratchDatabase(serverUrl(), { poolSize: 6 });
const { db } = scratch;
let closeServer: (() => Promise<void>) | null = null;
try {
  const engine = await setUpEngine(db, sim, { pageSize: 1000 });
  console.log(`   ${(await describeServer(db)).line}`);
  const initial = await engine.sync('full');
  console.log(`   initial full sync: ${fmt(initial.run.records_seen)} members in ${fmt(initial.wallMs / 1000, 1)} s`);

  const sealed = await engine.box.sealWebhookSecret(SECRET);
  await asCaller(db, SERVICE, (tx) =>
    tx.query(`insert into sync.webhook_secrets (integration_id, ciphertext, key_id) values ($1, $2, $3)`, [
      integrationId,
      sealed.ciphertext,
      sealed.keyId,
    ]),
  );
  let handlerErrors = 0;
  // The handler's statements are timed, so a slow event can be traced to its statement.
  const probe = new Probe();
  const server = await startWebhookServer({ db: probe.wrapDb(db), box: engine.box }, { onError: () => handlerErrors++ });
  closeServer = () => server.close();
  sim.configureWebhooks({ url: `${server.url}/cornerstone-webhook/${integrationId}`, secret: SECRET });
  console.log(
    `   simulator and startWebhookServer (the Edge Function's handler on a Node host) in this process; signed deliveries, one at a time as the simulator sends them`,
  );

  // Each event changes a different member, to an email no one else has, so the poll can tell when it is visible.
  const order: number[] = [];
  const picked = new Set<number>();
  for (let k = 0; order.length < eventCount; k++) {
    const index = (k * 104_729 + 13) % memberCount;
    if (!picked.has(index)) {
      picked.add(index);
      order.push(index);
    }
  }
  const pending = new Map<string, { email: string; changedAt: number }>();
  const latencies: number[] = [];
  let maxBacklog = 0;
  let driving = true;

  const poll = async () => {
    const deadline = () => !driving && performance.now() > driveEnded + 30_000;
    let driveEnded = Number.POSITIVE_INFINITY;
    while (driving || pending.size > 0) {
      if (!driving && driveEnded === Number.POSITIVE_INFINITY) driveEnded = performance.now();
      if (deadline()) break;
      if (pending.size > 0) {
        const ids = [...pending.keys()];
        const { rows } = await db.query<{ external_id: string; email: string | null }>(
          `select l.external_id, m.email from sync.member_links l join sync.members m on m.id = l.member_id
            where l.integration_id = $1 and l.external_id = any($2::text[])`,
          [integrationId, ids],
        );
        const seenAt = performance.now();
        for (const row of rows) {
          const expected = pending.get(row.external_id);
          if (expected && row.email === expected.email) {
            latencies.push(seenAt - expected.changedAt);
            pending.delete(row.external_id);
          }
        }
      }
      maxBacklog = Math.max(maxBacklog, sim.webhookStats.pending);
      await sleep(pollMs);
    }
  };
  const polling = poll();

  const started = performance.now();
  const drive = async () => {
    for (let k = 0; k < eventCount; k++) {
      await sleep(started + (k * 1000) / rate - performance.now());
      const index = order[k] ?? 0;
      const email = `wh${k}.m${index}@example.org`;
      const changedAt = performance.now();
      const record = sim.updateMember(index, { email });
      pending.set(record.memberId, { email, changedAt });
    }
  };
  const cpu = await measureCpu(
    drive,
    async () => null,
    () => backendPids(db),
  );
  const driveMs = performance.now() - started;
  driving = false;
  await polling;
  await sim.flushWebhooks();

  latencies.sort((a, b) => a - b);
  const { rows: outcomes } = await db.query<{ outcome: string; n: number }>(
    `select outcome, count(*)::int as n from sync.webhook_events group by outcome order by outcome`,
  );
  const { rows: rejected } = await db.query<{ error_code: string; n: number }>(
    // Refusals are tallied: one row per kind and minute, counting them.
    `select error_code, sum((counts ->> 'occurrences')::int)::int as n from sync.audit_events where type = 'webhook_rejected' group by error_code`,
  );
  const { rows: handlerStart } = await db.query<{ ms: number }>(
    `select extract(epoch from (received_at - occurred_at)) * 1000 as ms from sync.webhook_events order by 1`,
  );
  const startMs = handlerStart.map((row) => Number(row.ms));
  const stats = sim.webhookStats;
  const applied = outcomes.find((row) => row.outcome === 'applied')?.n ?? 0;

  const cores = (ms: number) => fmt(ms / driveMs, 2);
  console.log(
    `   drove ${eventCount} changes in ${fmt(driveMs / 1000, 1)} s (${fmt((eventCount * 1000) / driveMs, 1)}/s); polled the database every ${pollMs} ms; ` +
      `CPU meanwhile: this process ${cores(cpu.engineCpuMs)} cores, PostgreSQL ${cores(cpu.postgresCpuMs)} (this database's backends ${cores(cpu.ourPostgresCpuMs ?? 0)}), other processes ${cores(cpu.otherCpuMs)}`,
  );
  console.log(
    `   visible in the database: ${latencies.length} of ${eventCount}; latency from the change to visible: ` +
      `p50 ${fmt(percentile(latencies, 0.5), 1)} ms, p95 ${fmt(percentile(latencies, 0.95), 1)} ms, p99 ${fmt(percentile(latencies, 0.99), 1)} ms, max ${fmt(latencies.at(-1) ?? Number.NaN, 1)} ms`,
  );
  console.log(
    `   database side (webhook_events.received_at − occurredAt, i.e. until the handler's write transaction began): ` +
      `p50 ${fmt(percentile(startMs, 0.5), 1)} ms, p99 ${fmt(percentile(startMs, 0.99), 1)} ms, max ${fmt(startMs.at(-1) ?? Number.NaN, 1)} ms`,
  );
  console.log(`   webhook_events outcomes: ${outcomes.map((row) => `${row.outcome} ${row.n}`).join(', ') || 'none'}`);
  console.log(
    `   deliveries: published ${stats.published}, acknowledged 2xx ${stats.sent}, failed attempts (non-2xx, timeout, network) ${stats.failed}, retried ${stats.retried}, abandoned ${stats.abandoned}; ` +
      `refusals recorded ${rejected.map((row) => `${row.error_code} ${row.n}`).join(', ') || 'none'}; handler exceptions ${handlerErrors}; largest delivery backlog ${maxBacklog}`,
  );

  const perEvent = (ms: number) => fmt(ms / Math.max(1, stats.published), 2);
  console.log(
    `   handler, per event: ${perEvent(probe.transactionMs)} ms in ${fmt(probe.transactions / Math.max(1, stats.published), 1)} transactions ` +
      `(connect+BEGIN ${perEvent(probe.beginMs)}, statements ${perEvent(probe.statementMs)}, COMMIT ${perEvent(probe.commitMs)}); slowest statements in all:`,
  );
  for (const [label, totals] of [...probe.statements.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 5)) {
    console.log(`     ${fmt(totals.ms).padStart(6)} ms ${String(totals.count).padStart(5)}×  ${label}`);
  }

  const figures: Figure[] = [
    { benchmark: 'webhook latency', label: 'webhook → applied p50', value: percentile(latencies, 0.5), unit: 'ms' },
    { benchmark: 'webhook latency', label: 'webhook → applied p95', value: percentile(latencies, 0.95), unit: 'ms' },
    {
      benchmark: 'webhook latency',
      label: 'webhook → applied p99',
      value: percentile(latencies, 0.99),
      unit: 'ms',
      target: { kind: 'max', value: 1000 },
    },
    { benchmark: 'webhook latency', label: 'webhook → applied max', value: latencies.at(-1) ?? Number.NaN, unit: 'ms' },
    {
      benchmark: 'webhook latency',
      label: 'events applied',
      value: applied,
      unit: `of ${eventCount}`,
      note: `${stats.failed} failed attempts, ${stats.abandoned} abandoned, ${eventCount - latencies.length} never visible`,
    },
  ];
  console.log('\nSummary');
  printFigures(figures);
  await saveFigures(values.json, figures, [`webhook latency: ${rate}/s for ${seconds} s, register of ${memberCount}; polled every ${pollMs} ms`]);
} finally {
  await closeServer?.();
  await sim.close();
  await scratch.drop();
}
