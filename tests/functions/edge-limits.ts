/**
 * Supabase's limits on one Edge Function request, and how a function is held to them when it
 * runs here under Deno. The wall clock (150 s free, 400 s paid) is the worker's own budget.
 */

/** 256 MB of memory per function; counted here as 256 MiB of resident memory. */
export const EDGE_MEMORY_LIMIT_BYTES = 256 * 1024 * 1024;

/** 2 s of CPU per request, async I/O excluded. */
export const EDGE_CPU_LIMIT_MS = 2_000;

/**
 * V8's old space capped at 256 MiB: a function whose heap would outgrow Supabase's memory dies
 * here with V8's out-of-memory error instead of passing a test on a bigger machine.
 */
export const EDGE_HEAP_FLAGS = ['--max-old-space-size=256'] as const;
