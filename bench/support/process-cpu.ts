import { readFile } from 'node:fs/promises';

/** The kernel's clock ticks per second (USER_HZ), 100 on every Linux this runs on. */
const TICK_MS = 10;

/**
 * CPU milliseconds another process has used so far, user and system, every thread included
 * (utime + stime from /proc/<pid>/stat, Linux only), in steps of 10 ms. Throws when the process
 * is gone.
 */
export async function processCpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the ")" that closes the command name; utime and stime are the 14th and 15th overall.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`/proc/${pid}/stat has no utime and stime`);
  return (utime + stime) * TICK_MS;
}
