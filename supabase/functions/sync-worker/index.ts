import { createCredentialBox } from '../../../backend/crypto/credential-box.ts';
import { runWorkerInvocation } from '../../../backend/engine/invocation.ts';
import { createSourceResolver } from '../../../backend/engine/source-resolver.ts';
import { createBearerCheck } from '../_shared/bearer.ts';
import { functionCpuClock } from '../_shared/cpu-clock.ts';
import { openFunctionDb } from '../_shared/db.ts';
import { serveFunction } from '../_shared/serve.ts';
import { readSyncWorkerConfig } from './config.ts';
import { createSyncWorkerHandler } from './handler.ts';

// Everything is read and built once per isolate, at start: a missing or malformed setting
// stops the function here, before it answers anything.
const config = readSyncWorkerConfig();
const box = await createCredentialBox(config.credentialKey).catch(() => {
  throw new Error('CREDENTIAL_KEY must be a base64-encoded 32-byte key');
});
const isAuthorized = await createBearerCheck('SYNC_WORKER_SECRET', config.workerSecret);
const db = openFunctionDb(config.databaseUrl);
// Pages of 1000, the registries' largest: half the round trips and slices of Cornerstone's default.
const resolveSource = createSourceResolver(db, box, { allowLoopbackHttp: config.allowLoopbackHttp, pageSize: 1000 });
const cpu = functionCpuClock();
if (cpu.source === 'wall') console.warn('sync-worker: no CPU clock in this runtime; the CPU budget is counted in wall-clock time');
if (config.allowLoopbackHttp) console.warn('sync-worker: ALLOW_LOOPBACK_HTTP=1, plain http to 127.0.0.1 is allowed (tests only)');

serveFunction(
  'sync-worker',
  createSyncWorkerHandler({
    isAuthorized,
    budgetMs: config.budgetMs,
    invoke: (deadline) => runWorkerInvocation({ db, resolveSource, deadline, cpu: { clock: cpu.clock, budgetMs: config.cpuBudgetMs } }),
  }),
);
