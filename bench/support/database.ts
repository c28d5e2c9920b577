import type { Db } from '../../backend/db/port.ts';
import { createScratchDatabase as createSharedScratchDatabase, type ScratchDatabase } from '../../tests/support/scratch-database.ts';

export type { ScratchDatabase };

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server every benchmark creates its scratch databases on. */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '') return url;
  console.log(`DATABASE_URL is not set; using ${DEFAULT_DATABASE_URL}`);
  process.env.DATABASE_URL = DEFAULT_DATABASE_URL;
  return DEFAULT_DATABASE_URL;
}

const pendingDrops = new Set<() => Promise<void>>();
let interruptHandled = false;

/** Ctrl+C still drops the scratch databases this process made. */
function dropOnInterrupt(): void {
  if (interruptHandled) return;
  interruptHandled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: dropping ${pendingDrops.size} scratch database(s)`);
      void Promise.allSettled([...pendingDrops].map((drop) => drop())).then(() => process.exit(130));
    });
  }
}

/**
 * A fresh database with a random name, the platform shim and every migration applied, as the
 * tests make (tests/support/scratch-database.ts). Dropped by `drop()`, or on Ctrl+C.
 */
export async function createScratchDatabase(server: string, options: { poolSize?: number } = {}): Promise<ScratchDatabase> {
  const scratch = await createSharedScratchDatabase(server, {
    prefix: 'msync_bench',
    poolSize: options.poolSize ?? 4,
    onIdleClientError: () => undefined,
    ignoreCloseErrors: true,
    onCreated: (drop) => {
      pendingDrops.add(drop);
      dropOnInterrupt();
    },
  });
  const drop = (): Promise<void> => {
    pendingDrops.delete(scratch.drop);
    return scratch.drop();
  };
  return { ...scratch, drop };
}

/** Size on disk of the database, for the report. */
export async function databaseSize(db: Db): Promise<string> {
  const { rows } = await db.query<{ size: string }>(`select pg_size_pretty(pg_database_size(current_database())) as size`);
  return rows[0]?.size ?? '?';
}

/** Process ids of the server backends connected to `db`'s database, for the CPU split. */
export async function backendPids(db: Db): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database()`);
  return rows.map((row) => row.pid);
}
