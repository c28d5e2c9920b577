import { parseArgs } from 'node:util';
import { asCaller } from '../backend/db/as-caller.ts';
import { createSourceResolver } from '../backend/engine/source-resolver.ts';
import { startCornerstoneSim } from '../sim/cornerstone/server.ts';
import { startDemoVipps } from '../electron/main/host/demo-vipps.ts';
import { createScratchDatabase, serverUrl } from './support/database.ts';
import { orgId, SERVICE, setUpEngine } from './support/engine.ts';
import { fmt, percentile, printFigures, saveFigures, type Figure } from './support/report.ts';

/**
 * Vipps login → number in the registry. Members log in at a steady rate: each a real
 * authorization-code flow with PKCE against the Vipps simulator, then the members' app's call to
 * the enrichment endpoint (userinfo from Vipps, matching, the birth-date check, the write to the
 * Cornerstone simulator). The clock starts when the app holds the Vipps token, i.e. the login is
 * done, and stops when the registry holds the number; the OIDC flow is timed separately.
 */
const usage = `Usage: node --import tsx bench/vipps-enrichment.ts [--members 20000] [--rate 20] [--seconds 30] [--json out.json]`;
const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '30' },
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
const loginCount = Math.round(rate * seconds);
if (![memberCount, rate, seconds].every((n) => Number.isFinite(n) && n > 0)) {
  console.error(usage);
  process.exit(2);
}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

console.log(`\n== Vipps login → personnummer in the registry: ${rate} logins/s for ${seconds} s, register of ${fmt(memberCount)} ==`);
const sim = await startCornerstoneSim({ memberCount, seed: 11 });
const scratch = await createScratchDatabase(serverUrl(), { poolSize: 6 });
const { db } = scratch;
try {
  const engine = await setUpEngine(db, sim, { pageSize: 1000 });
  const initial = await engine.sync('full');
  console.log(`   initial full sync: ${fmt(initial.run.records_seen)} members in ${fmt(initial.wallMs / 1000, 1)} s`);
  const vipps = await startDemoVipps({
    db,
    resolveSource: createSourceResolver(db, engine.box, { allowLoopbackHttp: true }),
    registries: { cornerstone: sim, consio: null },
    log: (line) => console.error(line),
  });
  try {
    await vipps.linkMembers();
    await asCaller(db, SERVICE, (tx) =>
      tx.query(
        `insert into sync.enrichment_settings (org_id, enabled, legal_basis, enabled_at, activated_at, baseline_missing, baseline_under_15)
         values ($1, true, 'Benchmark: reporting to the municipality by personnummer.', now(), now(), 0, 0)`,
        [orgId],
      ),
    );
    const indexOf = new Map([...sim.records()].map((record, index) => [record.memberId, index] as const));
    const people = vipps.people.filter((person) => {
      const index = indexOf.get(person.records[0]?.externalId ?? '');
      return person.vipps !== null && !person.registryHasNumber && index !== undefined && person.vipps.birthDate === sim.member(index).birthDate;
    });
    if (people.length < loginCount) throw new Error(`Only ${people.length} members can be enriched; raise --members`);
    console.log(`   ${fmt(people.length)} members can log in with Vipps and lack a number; ${loginCount} of them log in`);

    const flowMs: number[] = [];
    const seamMs: number[] = [];
    const failures: string[] = [];
    const started = performance.now();
    const logins: Promise<void>[] = [];
    for (let k = 0; k < loginCount; k++) {
      await sleep(started + (k * 1000) / rate - performance.now());
      const person = people[k];
      if (!person?.vipps) continue;
      const index = indexOf.get(person.records[0]?.externalId ?? '') ?? -1;
      const nin = person.vipps.nin;
      logins.push(
        (async () => {
          const flowStart = performance.now();
          const [vippsAccessToken, appToken] = await Promise.all([vipps.vippsAccessTokenFor(person), vipps.appTokenFor(person)]);
          const loggedIn = performance.now();
          flowMs.push(loggedIn - flowStart);
          const response = await fetch(vipps.endpointUrl, {
            method: 'POST',
            headers: { authorization: `Bearer ${appToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ vippsAccessToken }),
          });
          await response.body?.cancel();
          while (sim.member(index).nationalIdentityNumber !== nin) {
            if (performance.now() - loggedIn > 60_000) throw new Error(`not written within 60 s (HTTP ${response.status})`);
            await sleep(5);
          }
          seamMs.push(performance.now() - loggedIn);
        })().catch((error: unknown) => {
          // A login that never got its number counts as infinitely slow, so the percentiles cannot hide it.
          seamMs.push(Number.POSITIVE_INFINITY);
          failures.push(error instanceof Error ? error.message : String(error));
        }),
      );
    }
    await Promise.all(logins);
    const wallMs = performance.now() - started;
    await vipps.service.drained();
    flowMs.sort((a, b) => a - b);
    seamMs.sort((a, b) => a - b);
    const { rows } = await db.query<{ outcome: string; n: number }>(
      `select outcome, count(*)::int as n from sync.enrichment_events group by outcome order by outcome`,
    );
    console.log(
      `   ${loginCount} logins in ${fmt(wallMs / 1000, 1)} s (${fmt((loginCount * 1000) / wallMs, 1)}/s); events: ${rows.map((row) => `${row.outcome} ${row.n}`).join(', ')}`,
    );
    console.log(
      `   the Vipps login itself (OIDC flow, 9 requests): p50 ${fmt(percentile(flowMs, 0.5), 1)} ms, p99 ${fmt(percentile(flowMs, 0.99), 1)} ms`,
    );
    console.log(
      `   login done → number in the registry: p50 ${fmt(percentile(seamMs, 0.5), 1)} ms, p95 ${fmt(percentile(seamMs, 0.95), 1)} ms, ` +
        `p99 ${fmt(percentile(seamMs, 0.99), 1)} ms, max ${fmt(seamMs.at(-1) ?? Number.NaN, 1)} ms; failures ${failures.length}${failures[0] ? ` (first: ${failures[0]})` : ''}`,
    );
    const figures: Figure[] = [
      { benchmark: 'Vipps enrichment', label: 'login → number in registry p50', value: percentile(seamMs, 0.5), unit: 'ms' },
      {
        benchmark: 'Vipps enrichment',
        label: 'login → number in registry p99',
        value: percentile(seamMs, 0.99),
        unit: 'ms',
        target: { kind: 'max', value: 1000 },
      },
      { benchmark: 'Vipps enrichment', label: 'Vipps OIDC login flow p50', value: percentile(flowMs, 0.5), unit: 'ms' },
      {
        benchmark: 'Vipps enrichment',
        label: 'numbers written',
        value: seamMs.filter(Number.isFinite).length,
        unit: `of ${loginCount}`,
        target: { kind: 'min', value: loginCount },
        note: `at ${rate} logins/s for ${seconds} s; ${failures.length} failed`,
      },
    ];
    console.log('\nSummary');
    printFigures(figures);
    await saveFigures(values.json, figures, []);
  } finally {
    await vipps.close();
  }
} finally {
  await sim.close();
  await scratch.drop();
}
