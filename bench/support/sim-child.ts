import { startCornerstoneSim, type CornerstoneSim } from '../../sim/cornerstone/server.ts';
import { SimRequest, type SimReply, type SimStats } from './sim-protocol.ts';

/**
 * The Cornerstone simulator in a process of its own, driven over IPC by sim-process.ts, so
 * that generating and serializing pages does not share the engine's event loop.
 */
let sim: CornerstoneSim | null = null;

const reply = (message: SimReply) => process.send?.(message);

async function handle(request: SimRequest): Promise<unknown> {
  switch (request.op) {
    case 'start': {
      sim = await startCornerstoneSim({ memberCount: request.memberCount, seed: request.seed });
      return { url: sim.url, credentials: { ...sim.credentials } };
    }
    case 'evolve':
      if (!sim) throw new Error('not started');
      return sim.evolve(request.plan);
    case 'stats': {
      if (!sim) throw new Error('not started');
      const usage = process.cpuUsage();
      const stats: SimStats = {
        memberPageRequests: sim.stats.memberPageRequests,
        requests: sim.stats.requests,
        rssBytes: process.resourceUsage().maxRSS * 1024,
        cpuMs: (usage.user + usage.system) / 1000,
      };
      return stats;
    }
    case 'close':
      await sim?.close();
      sim = null;
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (raw: unknown) => {
  const parsed = SimRequest.safeParse(raw);
  if (!parsed.success) {
    console.error('sim-child: ignored a malformed message');
    return;
  }
  const { id } = parsed.data;
  handle(parsed.data).then(
    (value) => reply({ id, ok: true, value }),
    (error: unknown) => reply({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
// The parent died: nothing left to serve.
process.on('disconnect', () => process.exit(0));
