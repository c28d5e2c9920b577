import { readdir, readFile } from 'node:fs/promises';

/** CPU milliseconds used so far by PostgreSQL server processes on this machine, by pid (Linux /proc; empty elsewhere). */
export async function postgresCpuByPid(): Promise<Map<number, number>> {
  const byPid = new Map<number, number>();
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return byPid;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = (await readFile(`/proc/${entry}/comm`, 'utf8')).trim();
      if (comm !== 'postgres') continue;
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // Fields after the ")" that closes the command name; utime and stime are the 14th and 15th overall.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byPid.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // The process ended while we looked.
    }
  }
  return byPid;
}

const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);

/** Busy CPU time of the whole machine so far, every core (Linux /proc/stat; 0 elsewhere). */
export async function machineBusyMs(): Promise<number> {
  try {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
    const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).map(Number);
    return (user + nice + system + irq + softirq + steal) * 10;
  } catch {
    return 0;
  }
}

export function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export interface CpuSplit {
  engineCpuMs: number;
  /** Null when the simulator runs in this process (its CPU is in engineCpuMs). */
  simCpuMs: number | null;
  /** Every PostgreSQL process on the machine, other people's databases included. */
  postgresCpuMs: number;
  /** The backends connected to the benchmark's own database (`ourBackends`), when given. */
  ourPostgresCpuMs: number | null;
  /** Everything else the machine did meanwhile: other people's work is noise in the figures. */
  otherCpuMs: number;
}

/** CPU used by this process, the simulator's and PostgreSQL's across one piece of work. */
export async function measureCpu<T>(
  work: () => Promise<T>,
  simCpuMs: () => Promise<number | null>,
  ourBackends?: () => Promise<number[]>,
): Promise<CpuSplit & { result: T }> {
  const machineBefore = await machineBusyMs();
  const simBefore = await simCpuMs();
  const pgBeforeByPid = await postgresCpuByPid();
  const pgBefore = sum(pgBeforeByPid.values());
  // Right around the work: reading /proc for every process on the machine costs this process
  // milliseconds of its own, which per-member figures of a few µs would otherwise count.
  const engineBefore = processCpuMs();
  const result = await work();
  const engineCpuMs = processCpuMs() - engineBefore;
  const pgAfterByPid = await postgresCpuByPid();
  const pgAfter = sum(pgAfterByPid.values());
  // A backend that connected during the work started from zero.
  const ours = ourBackends ? (await ourBackends()).map((pid) => (pgAfterByPid.get(pid) ?? 0) - (pgBeforeByPid.get(pid) ?? 0)) : null;
  const simAfter = await simCpuMs();
  const machine = (await machineBusyMs()) - machineBefore;
  const sim = simBefore === null || simAfter === null ? 0 : simAfter - simBefore;
  return {
    result,
    otherCpuMs: Math.max(0, machine - engineCpuMs - sim - (pgAfter - pgBefore)),
    engineCpuMs,
    simCpuMs: simBefore === null || simAfter === null ? null : simAfter - simBefore,
    postgresCpuMs: pgAfter - pgBefore,
    ourPostgresCpuMs: ours === null ? null : sum(ours),
  };
}
