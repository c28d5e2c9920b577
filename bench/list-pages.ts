import { parseArgs } from 'node:util';
import type { Caller } from '../backend/db/port.ts';
import { createRegistrySetup } from '../backend/handlers/registry-setup.ts';
import { createCredentialBox, generateCredentialKey } from '../backend/crypto/credential-box.ts';
import type { BackendContext } from '../backend/handlers/context.ts';
import { registerBackendHandlers } from '../backend/handlers/index.ts';
import { createRouter } from '../backend/rpc/router.ts';
import { operations, type OperationName } from '../shared/contract/operations.ts';
import { fillListRows, type ListWorld } from '../tests/support/list-rows.ts';
import { createScratchDatabase, serverUrl } from './support/database.ts';
import { fmt, printFigures, saveFigures, type Figure } from './support/report.ts';

/**
 * The console's lists through the real router and handlers on PostgreSQL: the first page, and a
 * page 50 pages down (reached through the cursors), at each size. Every table (conflicts, runs,
 * alerts, audit events) holds `size` rows of 300 organizations (tests/support/list-rows.ts).
 */
const usage = `Usage: node --import tsx bench/list-pages.ts [--list-sizes 10000,1000000] [--depth 50] [--repeat 5] [--json out.json]`;

const { values } = parseArgs({
  options: {
    'list-sizes': { type: 'string', default: '10000,1000000' },
    depth: { type: 'string', default: '50' },
    repeat: { type: 'string', default: '5' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const sizes = values['list-sizes'].split(',').map(Number);
const depth = Number(values.depth);
const repeat = Number(values.repeat);

interface ListCase {
  label: string;
  caller: (w: ListWorld) => Caller;
  operation: OperationName;
  input: (w: ListWorld) => Record<string, unknown>;
}

const cases: ListCase[] = [
  { label: 'conflicts pending, global admin', caller: (w) => w.global, operation: 'conflicts.list', input: () => ({ status: 'pending' }) },
  { label: 'conflicts pending, big org admin (RLS)', caller: (w) => w.bigAdmin, operation: 'conflicts.list', input: () => ({ status: 'pending' }) },
  { label: 'conflicts all, admin of 2 orgs', caller: (w) => w.smallAdmin, operation: 'conflicts.list', input: () => ({ status: 'all' }) },
  { label: 'runs, global admin', caller: (w) => w.global, operation: 'runs.list', input: () => ({}) },
  { label: 'runs failed, admin of 2 orgs', caller: (w) => w.smallAdmin, operation: 'runs.list', input: () => ({ status: 'failed' }) },
  { label: 'alerts all, global admin', caller: (w) => w.global, operation: 'alerts.list', input: () => ({ status: 'all' }) },
  { label: 'alerts open, admin of 2 orgs', caller: (w) => w.smallAdmin, operation: 'alerts.list', input: () => ({ status: 'open' }) },
  { label: 'audit, global admin', caller: (w) => w.global, operation: 'audit.list', input: () => ({}) },
  { label: 'audit rare type, admin of 2 orgs', caller: (w) => w.smallAdmin, operation: 'audit.list', input: () => ({ types: ['rules_changed'] }) },
  {
    label: 'audit by admin actor, global admin',
    caller: (w) => w.global,
    operation: 'audit.list',
    input: (w) => ({ actor: { kind: 'admin', id: w.bigAdmin.userId } }),
  },
];

/** Not a paged list: the audit filter's "Done by" choices, one loose index scan per organization. */
const choiceCases: Array<Pick<ListCase, 'label' | 'caller'>> = [
  { label: '"Done by" choices (audit.actors), global admin', caller: (w) => w.global },
  { label: '"Done by" choices (audit.actors), admin of 2 orgs', caller: (w) => w.smallAdmin },
];

const router = createRouter<typeof operations, BackendContext>(operations, { onInternalError: (op, error) => console.error(op, error) });
// The lists never seal or reach a registry; a real box all the same, with a key of this run's.
const setup = createRegistrySetup(await createCredentialBox({ keyId: 'bench', keyBase64: generateCredentialKey() }));
registerBackendHandlers(router);

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? Number.NaN;

const figures: Figure[] = [];
const server = serverUrl();
for (const size of sizes) {
  const scratch = await createScratchDatabase(server);
  try {
    const filling = performance.now();
    const world = await fillListRows(scratch.db, { conflicts: size, runs: size, alerts: size, auditEvents: size });
    console.log(`${fmt(size)} rows a table written in ${fmt((performance.now() - filling) / 1000, 1)} s`);
    const context = (caller: Caller): BackendContext => ({
      db: scratch.db,
      caller,
      wakeWorker: () => undefined,
      resolveSource: () => Promise.reject(new Error('The lists reach no registry')),
      setup,
    });
    const page = async (listCase: ListCase, cursor: string | undefined): Promise<{ ms: number; next: string | null }> => {
      const started = performance.now();
      const answer = await router.dispatch(
        listCase.operation,
        { ...listCase.input(world), limit: 25, ...(cursor ? { cursor } : {}) },
        context(listCase.caller(world)),
      );
      const ms = performance.now() - started;
      if (!answer.ok) throw new Error(`${listCase.operation}: ${JSON.stringify(answer.error)}`);
      return { ms, next: (answer.value as { nextCursor: string | null }).nextCursor };
    };
    for (const listCase of cases) {
      await page(listCase, undefined); // warm the connection and the plan cache of the catalog
      const first: number[] = [];
      for (let i = 0; i < repeat; i++) first.push((await page(listCase, undefined)).ms);
      // Down `depth` pages by cursor, then time the page there.
      let cursor: string | undefined;
      let reached = 0;
      for (; reached < depth; reached++) {
        const next = (await page(listCase, cursor)).next;
        if (next === null) break;
        cursor = next;
      }
      const deep: number[] = [];
      for (let i = 0; i < repeat; i++) deep.push((await page(listCase, cursor)).ms);
      figures.push({ benchmark: 'List pages', label: `${listCase.label}, first page @ ${fmt(size)}`, value: median(first), unit: 'ms' });
      figures.push({
        benchmark: 'List pages',
        label: `${listCase.label}, page ${reached + 1} @ ${fmt(size)}`,
        value: median(deep),
        unit: 'ms',
        ...(reached < depth ? { note: `the list ends after ${reached + 1} pages` } : {}),
      });
    }
    for (const choiceCase of choiceCases) {
      const samples: number[] = [];
      let offered = 0;
      for (let i = 0; i <= repeat; i++) {
        const started = performance.now();
        const answer = await router.dispatch('audit.actors', {}, context(choiceCase.caller(world)));
        if (i > 0) samples.push(performance.now() - started); // the first warms the connection
        if (!answer.ok) throw new Error(`audit.actors: ${JSON.stringify(answer.error)}`);
        offered = (answer.value as unknown[]).length;
      }
      figures.push({
        benchmark: 'List pages',
        label: `${choiceCase.label} @ ${fmt(size)}`,
        value: median(samples),
        unit: 'ms',
        note: `admins offered: ${offered}`,
      });
    }
  } finally {
    await scratch.drop();
  }
}
printFigures(figures);
await saveFigures(values.json, figures, [`List pages: median of ${repeat} calls through the router, 25 rows a page, every table at each size.`]);
