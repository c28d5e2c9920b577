import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EvolvePlan } from '../../sim/shared/registry-sim.ts';
import { startCornerstoneSim } from '../../sim/cornerstone/server.ts';
import { EvolveResult, SimReply, SimStarted, SimStats, type SimRequest } from './sim-protocol.ts';

export type SimMode = 'child' | 'in-process';

export interface SimCredentials {
  username: string;
  password: string;
  clientId: string;
}

/** The Cornerstone simulator as a benchmark uses it, wherever it runs. */
export interface BenchSim {
  readonly mode: SimMode;
  readonly url: string;
  readonly credentials: SimCredentials;
  evolve(plan: EvolvePlan): Promise<EvolveResult>;
  /** The simulator's own request counters, and its process's CPU and peak RSS (child only). */
  stats(): Promise<SimStats | null>;
  close(): Promise<void>;
}

const childEntry = fileURLToPath(new URL('./sim-child.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function startBenchSim(options: { memberCount: number; seed: number; mode: SimMode }): Promise<BenchSim> {
  if (options.mode === 'in-process') {
    const sim = await startCornerstoneSim({ memberCount: options.memberCount, seed: options.seed });
    return {
      mode: 'in-process',
      url: sim.url,
      credentials: sim.credentials,
      evolve: async (plan) => sim.evolve(plan),
      stats: async () => null,
      close: () => sim.close(),
    };
  }
  const child = fork(childEntry, [], { cwd: repoRoot, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const call = ipcCaller(child);
  const started = SimStarted.parse(await call({ op: 'start', memberCount: options.memberCount, seed: options.seed }));
  return {
    mode: 'child',
    url: started.url,
    credentials: started.credentials,
    evolve: async (plan) => EvolveResult.parse(await call({ op: 'evolve', plan })),
    stats: async () => SimStats.parse(await call({ op: 'stats' })),
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call({ op: 'close' }).catch(() => undefined);
      await exited;
    },
  };
}

type RequestBody = SimRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

function ipcCaller(child: ChildProcess): (request: RequestBody) => Promise<unknown> {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  child.on('message', (raw: unknown) => {
    const parsed = SimReply.safeParse(raw);
    if (!parsed.success) return;
    const pending = waiting.get(parsed.data.id);
    if (!pending) return;
    waiting.delete(parsed.data.id);
    if (parsed.data.ok) pending.resolve(parsed.data.value);
    else pending.reject(new Error(`simulator: ${parsed.data.error}`));
  });
  child.on('exit', (code) => {
    for (const pending of waiting.values()) pending.reject(new Error(`the simulator process exited (${code})`));
    waiting.clear();
  });
  return (request) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ ...request, id });
    });
}
