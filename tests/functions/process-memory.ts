import { readFile, writeFile } from 'node:fs/promises';

/** Resident memory of another process, in bytes, as the kernel counts it. */
export interface ProcessMemory {
  /** VmHWM: the most the process has held resident since it started, start-up included. */
  peakRssBytes: number;
  /** VmRSS: what it holds now. */
  rssBytes: number;
}

/** `VmHWM:	  123456 kB` → bytes; the kernel's "kB" is KiB. */
function statusField(status: string, field: string, pid: number): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (match?.[1] === undefined) throw new Error(`/proc/${pid}/status has no ${field} line (has the process exited?)`);
  return Number(match[1]) * 1024;
}

/**
 * Reads a process's peak and current resident set from /proc/<pid>/status (Linux only). The peak
 * is the kernel's high-water mark, so no moment between two readings is missed. Throws when the
 * process is gone or the figures are missing: a memory check must not pass on a zero it never read.
 */
export async function readProcessMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return { peakRssBytes: statusField(status, 'VmHWM', pid), rssBytes: statusField(status, 'VmRSS', pid) };
}

/**
 * Starts the process's high-water mark again from its current resident set (`5` to
 * /proc/<pid>/clear_refs, Linux 4.0 and later), so that the peak of one piece of work can be told
 * from an earlier one's in the same process.
 */
export async function resetPeakRss(pid: number): Promise<void> {
  await writeFile(`/proc/${pid}/clear_refs`, '5');
}
