/**
 * A sync worker in a process of its own, so a test can kill it for real (SIGKILL: no
 * shutdown, no hand-back, an open transaction cut off). It is the production worker loop on
 * the production PostgreSQL driver; only the retry waits are skipped, so Retry-After does
 * not slow the test down (each retry is still a real HTTP request).
 *
 *   node --import tsx tests/db/support/worker-process.ts
 *
 * Environment: MSYNC_DATABASE_URL (the test's database), MSYNC_CREDENTIAL_KEY and
 * MSYNC_CREDENTIAL_KEY_ID (the key the test sealed the registry credentials with; the
 * registry's address is the integration's base_url), MSYNC_WORKER_ID.
 * SIGTERM stops it cleanly; the test uses SIGKILL.
 */
import { createCredentialBox } from '../../../backend/crypto/credential-box.ts';
import { openNodePostgres } from '../../../backend/db/node-postgres.node.ts';
import { createSourceResolver } from '../../../backend/engine/source-resolver.ts';
import { startWorker } from '../../../backend/engine/worker.ts';
import { describeError } from '../../../backend/logging/describe-error.ts';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

const db = openNodePostgres(required('MSYNC_DATABASE_URL'), { max: 2 });
const box = await createCredentialBox({ keyId: required('MSYNC_CREDENTIAL_KEY_ID'), keyBase64: required('MSYNC_CREDENTIAL_KEY') });
const worker = startWorker({
  db,
  resolveSource: createSourceResolver(db, box, { allowLoopbackHttp: true }),
  workerId: required('MSYNC_WORKER_ID'),
  pollIntervalMs: 50,
  schedule: false,
  sliceOptions: { sleep: async () => undefined },
  onError: (error) => console.error(`worker: ${describeError(error)}`),
});

process.once('SIGTERM', () => {
  void worker
    .stop()
    .then(() => db.close())
    .then(() => process.exit(0));
});
