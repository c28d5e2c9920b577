import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { INVOKE_CHANNEL } from '../../shared/contract/bridge.ts';
import { repoRoot } from './packaged-layout.ts';

const bundle = path.join(repoRoot, 'out/main/index.js');
const register = pathToFileURL(path.join(repoRoot, 'tests/support/electron-stand-in/register.mjs')).href;

export interface Report {
  type: string;
  [key: string]: unknown;
}

/**
 * The built main process (out/main/index.js) of a staged package, started in plain Node with the
 * Electron stand-in in Electron's place (tests/support/electron-stand-in/): what it reports, and
 * the test's side of the channel to drive it as the renderer and the OS would.
 */
export interface BuiltMain {
  readonly child: ChildProcess;
  readonly reports: Report[];
  readonly output: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor(predicate: (report: Report) => boolean, what: string, ms?: number): Promise<Report>;
  command(message: Record<string, unknown>): Promise<Report>;
  /** A bridge call, as the renderer makes it. */
  call(operation: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
}

export function startBuiltMain(options: { appDir: string; userData: string; env?: Record<string, string> }): BuiltMain {
  if (!existsSync(bundle)) throw new Error('out/main/index.js is missing: run `npm run build` first (npm test does).');
  const child = fork(path.join(options.appDir, 'out/main/index.js'), [], {
    execArgv: ['--import', register],
    env: { ...process.env, STAND_IN_APP_PATH: options.appDir, STAND_IN_USER_DATA: options.userData, STAND_IN_PACKAGED: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const reports: Report[] = [];
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.on('message', (message: Report) => reports.push(message));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let nextId = 0;

  const waitFor: BuiltMain['waitFor'] = async (predicate, what, ms = 60_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = reports.find(predicate);
      if (found) return found;
      if (child.exitCode !== null) throw new Error(`The main process exited (${child.exitCode}) before any ${what}. It wrote:\n${output.join('')}`);
      if (Date.now() > deadline) throw new Error(`No ${what} within ${ms} ms. The main process wrote:\n${output.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const command: BuiltMain['command'] = async (message) => {
    const id = ++nextId;
    child.send({ ...message, id });
    const answer = await waitFor((report) => report.type === 'answer' && report['id'] === id, `answer to ${String(message['type'])}`);
    if (answer['error']) throw new Error(String(answer['error']));
    return answer;
  };
  const call: BuiltMain['call'] = async (operation, input) =>
    (await command({ type: 'invoke', channel: INVOKE_CHANNEL, args: [operation, input] }))['result'] as {
      ok: boolean;
      value?: unknown;
      error?: unknown;
    };
  return { child, reports, output, exited, waitFor, command, call };
}
