import { z } from 'zod';

/** Messages between a benchmark and the simulator it runs in a child process (sim-child.ts). */
export const SimRequest = z.discriminatedUnion('op', [
  z.object({ id: z.number(), op: z.literal('start'), memberCount: z.number().int().min(0), seed: z.number().int() }),
  z.object({
    id: z.number(),
    op: z.literal('evolve'),
    plan: z.object({
      joins: z.number().int().optional(),
      lapses: z.number().int().optional(),
      roleChanges: z.number().int().optional(),
      chapterMoves: z.number().int().optional(),
      contactChanges: z.number().int().optional(),
      removals: z.number().int().optional(),
    }),
  }),
  z.object({ id: z.number(), op: z.literal('stats') }),
  z.object({ id: z.number(), op: z.literal('close') }),
]);
export type SimRequest = z.infer<typeof SimRequest>;

export const SimReply = z.union([
  z.object({ id: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), error: z.string() }),
]);
export type SimReply = z.infer<typeof SimReply>;

export const SimStarted = z.object({
  url: z.string(),
  credentials: z.object({ username: z.string(), password: z.string(), clientId: z.string(), apiKey: z.string() }),
});

export const EvolveResult = z.object({ changed: z.array(z.string()), removed: z.array(z.string()) });
export type EvolveResult = z.infer<typeof EvolveResult>;

export const SimStats = z.object({ memberPageRequests: z.number(), requests: z.number(), rssBytes: z.number(), cpuMs: z.number() });
export type SimStats = z.infer<typeof SimStats>;
