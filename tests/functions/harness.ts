import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const denoBinary = fileURLToPath(new URL('../../node_modules/.bin/deno', import.meta.url));
const denoConfig = fileURLToPath(new URL('../../supabase/functions/deno.json', import.meta.url));

/** Environment variables node-postgres reads (connection defaults, PGSSLMODE, …), as Deno permission names. */
const PG_ENV = ['PG*', 'USER', 'NODE_PG_FORCE_NATIVE'];

export interface StartFunctionOptions {
  /** The folder under supabase/functions, e.g. `sync-worker`. */
  name: string;
  /** The function's own environment; nothing else of the test process is passed on. */
  env: Record<string, string>;
  /** Every variable the function may read besides node-postgres's and PORT (Deno's --allow-env). */
  allowEnv: readonly string[];
  /** Deno compiles and caches on a first run; allow for it. Default 60 s. */
  readyTimeoutMs?: number;
  /**
   * V8 flags for the function's isolate, e.g. `--max-old-space-size=256` to hold its heap to
   * Supabase's 256 MB, so that crossing the limit fails here as it would there.
   */
  v8Flags?: readonly string[];
}

export interface RunningFunction {
  /** e.g. `http://127.0.0.1:41234/` */
  readonly url: string;
  /** The Deno process's id (it is also its process group's), for reading its memory and CPU from /proc. */
  readonly pid: number;
  /** What the function wrote to stderr so far (its logs, describeError lines). */
  stderr(): string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the function binds it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

// Functions still running when the test process exits (a crash, an interrupted run) are
// detached, so they would outlive it; end their groups on the way out.
const runningGroups = new Set<number>();
process.once('exit', () => {
  for (const pid of runningGroups) signalGroup(pid, 'SIGKILL');
});

/** Ends the function's whole process group: SIGTERM, then SIGKILL if it has not gone in 5 s. */
async function killGroup(child: ChildProcess, closed: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5_000);
    await closed;
    clearTimeout(timer);
  }
  runningGroups.delete(pid);
}

/**
 * Starts an Edge Function under the real Deno binary, as `deno run` with the narrowest
 * permissions it needs (network to 127.0.0.1 only, the named variables only, no file reads:
 * modules load without --allow-read) and no type check (tsc does that). Resolves when the
 * function answers any HTTP request on its port; rejects with its stderr if it exits first or
 * does not answer in time.
 */
export async function startFunction(options: StartFunctionOptions): Promise<RunningFunction> {
  const port = await freePort();
  const allowEnv = [...PG_ENV, 'PORT', ...options.allowEnv].join(',');
  const child = spawn(
    denoBinary,
    [
      'run',
      '--no-check',
      '--no-prompt',
      '--config',
      denoConfig,
      '--allow-net=127.0.0.1',
      `--allow-env=${allowEnv}`,
      ...(options.v8Flags && options.v8Flags.length > 0 ? [`--v8-flags=${options.v8Flags.join(',')}`] : []),
      `supabase/functions/${options.name}/index.ts`,
    ],
    {
      cwd: repoRoot,
      // PATH and HOME for Deno itself (its cache lives under HOME unless DENO_DIR says otherwise).
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...(process.env.DENO_DIR ? { DENO_DIR: process.env.DENO_DIR } : {}),
        NO_COLOR: '1',
        ...options.env,
        PORT: String(port),
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (child.pid !== undefined) runningGroups.add(child.pid);
  // 'close' comes after the output streams have ended, so stderr is complete by then.
  let hasClosed = false;
  const closed = new Promise<void>((resolve) =>
    child.once('close', () => {
      hasClosed = true;
      resolve();
    }),
  );
  let stderr = '';
  let stdout = '';
  // Without a listener a failed spawn (no deno binary) would crash the test process.
  child.once('error', (error) => (stderr += `\n${error.message}`));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const failure = (why: string) =>
    new Error(`Edge Function ${options.name} ${why}.\n--- stderr ---\n${stderr.trim()}\n--- stdout ---\n${stdout.trim()}`);
  const { pid } = child;
  if (pid === undefined) {
    // Spawning failed (no deno binary): 'error' has the reason, and 'close' follows it.
    await closed;
    throw failure('could not be started');
  }
  const url = `http://127.0.0.1:${port}/`;
  const running: RunningFunction = { url, pid, stderr: () => stderr, stop: () => killGroup(child, closed) };

  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const giveUpAt = Date.now() + timeoutMs;

  for (;;) {
    if (hasClosed) {
      runningGroups.delete(pid);
      throw failure(`exited before it answered (exit code ${child.exitCode ?? child.signalCode})`);
    }
    try {
      // Any answer, even a 401, means it is serving.
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return running;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > giveUpAt) {
      await killGroup(child, closed);
      throw failure(`did not answer on ${url} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every variable `admin-api` reads (its config.ts and _shared/project-auth.ts); `vipps-enrichment` reads these and its own. */
export const ADMIN_API_ENV = [
  'SUPABASE_DB_URL',
  'SUPABASE_URL',
  'SUPABASE_JWKS_URL',
  'SUPABASE_JWT_SECRET',
  'CREDENTIAL_KEY',
  'CREDENTIAL_KEY_ID',
  'ALLOW_LOOPBACK_HTTP',
] as const;
