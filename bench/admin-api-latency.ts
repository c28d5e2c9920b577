import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { DEMO_IDS } from '../backend/db/demo-seed.ts';
import { createRemoteHost } from '../electron/main/remote/remote-host.ts';
import { createSealedSessionStorage } from '../electron/main/remote/sealed-session-storage.ts';
import { startAdminApiProject } from '../tests/functions/admin-api-project.ts';
import { confStore, fakeVault, removeConfStores } from '../tests/support/settings-doubles.ts';
import { serverUrl } from './support/database.ts';
import { fmt, percentile, printFigures, saveFigures, type Figure } from './support/report.ts';

/**
 * A console call on the remote host, as the main process makes it: supabase-js's
 * `functions.invoke` → the stand-in for the project's gateway → `admin-api` under Deno (token
 * verified against the JWKS, router, handler as the caller under RLS) → PostgreSQL, and back,
 * parsed. All on this machine, so it is the cost of our path, not of the internet's.
 */
const { values } = parseArgs({ options: { calls: { type: 'string', default: '300' }, json: { type: 'string' } } });
const calls = Number(values.calls);
const email = 'global@demo.local';
const password = 'bench-password-2026';

const running = await startAdminApiProject({ prefix: 'msync_bench_admin_api', serverUrl: serverUrl() });
const figures: Figure[] = [];
try {
  running.project.addUser({ id: DEMO_IDS.admins.global, email, password });
  const { store } = confStore();
  const host = createRemoteHost({
    project: { url: running.project.url, anonKey: running.project.anonKey },
    storage: createSealedSessionStorage(fakeVault(), store, running.project.url),
    store,
    realtimeTransport: WebSocket,
  });
  const signInStarted = performance.now();
  const signedIn = await host.signInWithPassword(email, password);
  if (!signedIn.ok) throw new Error('sign-in failed');
  figures.push({
    benchmark: 'admin-api (remote host)',
    label: 'sign-in with a password (supabase-js, sealed session)',
    value: performance.now() - signInStarted,
    unit: 'ms',
  });

  for (const operation of ['session.get', 'health.list', 'organizations.list'] as const) {
    const samples: number[] = [];
    for (let i = 0; i <= calls; i++) {
      const started = performance.now();
      const answer = await host.dispatch(operation, {});
      if (!answer.ok) throw new Error(`${operation}: ${answer.error.code}`);
      if (i > 0) samples.push(performance.now() - started); // the first warms the function
    }
    samples.sort((a, b) => a - b);
    for (const [name, p] of [
      ['p50', 0.5],
      ['p95', 0.95],
      ['p99', 0.99],
    ] as const) {
      figures.push({
        benchmark: 'admin-api (remote host)',
        label: `${operation}, ${name} of ${fmt(calls)} calls`,
        value: percentile(samples, p),
        unit: 'ms',
        ...(name === 'p95' ? { target: { kind: 'max' as const, value: 200 } } : {}),
      });
    }
  }
  printFigures(figures);
  await saveFigures(values.json, figures, ['admin-api runs under Deno on this machine; on Supabase the network and the edge add their own time.']);
} finally {
  await running.close();
  removeConfStores();
}
