import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const script = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

export interface WorkerChild {
  readonly pid: number;
  /** Whether it has exited, and how. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | null;
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** Sends the signal and resolves once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

// A child still alive when the test process exits (a failed or interrupted run) is ended with it.
const alive = new Set<number>();
process.once('exit', () => {
  for (const pid of alive) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

/** Starts tests/db/support/worker-process.ts in a Node process of its own. */
export function startWorkerChild(env: { databaseUrl: string; credentialKey: string; credentialKeyId: string; workerId: string }): WorkerChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      MSYNC_DATABASE_URL: env.databaseUrl,
      MSYNC_CREDENTIAL_KEY: env.credentialKey,
      MSYNC_CREDENTIAL_KEY_ID: env.credentialKeyId,
      MSYNC_WORKER_ID: env.workerId,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('The worker process did not start');
  alive.add(pid);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const gone = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      alive.delete(pid);
      resolve();
    });
  });
  return {
    pid,
    exit: () => exited,
    stderr: () => stderr,
    async kill(signal) {
      if (exited === null) child.kill(signal);
      await gone;
    },
  };
}
