import { processCpuClock, type CpuClock } from '../../../backend/engine/cpu-budget.ts';

/**
 * The function's CPU clock: Deno's own, else node:process's, else the wall clock since the
 * isolate started. The last one can only read high (a single JavaScript thread cannot use more
 * CPU than the time that passes), so a worker on it hands back early, never late.
 *
 * Where an isolate shares its process with others (Supabase's runtime), a process clock counts
 * their CPU too: that also reads high, with the same effect.
 */
export function functionCpuClock(): { clock: CpuClock; source: 'deno' | 'process' | 'wall' } {
  const deno = typeof Deno.cpuUsage === 'function' ? Deno.cpuUsage : undefined;
  if (deno) {
    return {
      source: 'deno',
      clock: () => {
        const { user, system } = deno();
        return (user + system) / 1000;
      },
    };
  }
  const node = processCpuClock();
  if (node) return { source: 'process', clock: node };
  return { source: 'wall', clock: () => performance.now() };
}
