import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * Summarizes a V8 .cpuprofile (from `node --cpu-prof`) by self time, per function and per
 * source area, so "where does the engine's CPU go" is one command:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/full-sync-throughput.ts --page-sizes 1000
 *   node --import tsx bench/profile-summary.ts /tmp/prof/*.cpuprofile
 */
const Profile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('Usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [...]');
  process.exit(2);
}

/** Which part of the system a frame belongs to. */
function areaOf(url: string, name: string): string {
  const repo = url.indexOf('/work/');
  const local = url.replace(/^file:\/\//, '');
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)' || name === '(program)') return name;
  if (local.includes('/node_modules/zod/')) return 'zod';
  if (local.includes('/node_modules/pg')) return 'pg driver';
  if (local.includes('/node_modules/')) return `node_modules/${local.split('/node_modules/')[1]?.split('/')[0] ?? '?'}`;
  if (local.startsWith('node:') || url === '')
    return name.startsWith('JSON') || name === 'parse' || name === 'stringify' ? 'JSON (native)' : 'node internals / native';
  const match = /\/(backend|sim|shared|bench)\/(.*)$/.exec(local);
  return match ? `${match[1]}/${match[2]}` : repo >= 0 ? local : url;
}

for (const file of files) {
  const profile = Profile.parse(JSON.parse(await readFile(file, 'utf8')));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByFunction = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const micros = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    if (area === '(idle)') return;
    total += micros;
    const key = `${functionName || '(anonymous)'}  ${area}:${lineNumber + 1}`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + micros);
    selfByArea.set(area, (selfByArea.get(area) ?? 0) + micros);
  });
  const show = (title: string, totals: Map<string, number>, count: number) => {
    console.log(`  ${title}`);
    for (const [key, micros] of [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, count)) {
      console.log(`    ${(micros / 1000).toFixed(0).padStart(7)} ms ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`);
    }
  };
  console.log(`\n${file}: ${(total / 1000).toFixed(0)} ms of CPU sampled (idle excluded)`);
  show('self time by area', selfByArea, 20);
  show('self time by function', selfByFunction, 25);
}
