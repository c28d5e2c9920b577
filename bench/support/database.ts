import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../../backend/db/migrate.node.ts';
import { openNodePostgres } from '../../backend/db/node-postgres.node.ts';
import type { Db } from '../../backend/db/port.ts';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server every benchmark creates its scratch databases on. */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '') return url;
  console.log(`DATABASE_URL is not set; using ${DEFAULT_DATABASE_URL}`);
  process.env.DATABASE_URL = DEFAULT_DATABASE_URL;
  return DEFAULT_DATABASE_URL;
}

export interface ScratchDatabase {
  name: string;
  url: string;
  /** A pool on it, as the table owner. */
  db: Db;
  /** Closes the pool and drops the database. Safe to call twice. */
  drop(): Promise<void>;
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
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
 * db tests make (tests/functions/scratch-database.ts). Dropped by `drop()`.
 */
export async function createScratchDatabase(server: string, options: { poolSize?: number } = {}): Promise<ScratchDatabase> {
  const name = `msync_bench_${randomBytes(6).toString('hex')}`;
  await onServer(server, `create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = openNodePostgres(url.toString(), { max: options.poolSize ?? 4, onIdleClientError: () => undefined });
  let dropped: Promise<void> | null = null;
  const drop = () => {
    dropped ??= (async () => {
      pendingDrops.delete(drop);
      await db.close().catch(() => undefined);
      // `with (force)` also ends connections a child process left open.
      await onServer(server, `drop database if exists ${name} with (force)`);
    })();
    return dropped;
  };
  pendingDrops.add(drop);
  dropOnInterrupt();
  try {
    await applyMigrations(db, { platformShim: true });
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url: url.toString(), db, drop };
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
