import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../../backend/db/migrate.node.ts';
import { openNodePostgres } from '../../backend/db/node-postgres.node.ts';
import type { Db } from '../../backend/db/port.ts';

/**
 * A database of its own on a shared PostgreSQL server, for one test file or benchmark: runs may
 * share a server, so each gets a database named at random and dropped when it is done. Tests and
 * benchmarks both use this; production code never makes databases.
 */
export interface ScratchDatabase {
  name: string;
  /** Its connection URL, for a worker or function started in another process. */
  url: string;
  /** A pool on it, as the table owner. */
  db: Db;
  /** Closes the pool and drops the database. Safe to call twice. */
  drop(): Promise<void>;
}

export interface ScratchDatabaseOptions {
  /** Starts the random name, so a database left behind says who made it. */
  prefix: string;
  /** Default 4. */
  poolSize?: number;
  /** Apply the platform shim and every migration. Default true. */
  migrate?: boolean;
  /** Called with `drop` as soon as the database exists, before migrating, so an interrupted process can still drop it. */
  onCreated?: (drop: () => Promise<void>) => void;
  /** Passed to the pool; by default an idle connection the server ends is logged. */
  onIdleClientError?: (error: Error) => void;
  /** Drop the database even when closing the pool fails, without reporting it. */
  ignoreCloseErrors?: boolean;
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(serverUrl: string, options: ScratchDatabaseOptions): Promise<ScratchDatabase> {
  const name = `${options.prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openNodePostgres(url.toString(), {
    max: options.poolSize ?? 4,
    ...(options.onIdleClientError === undefined ? {} : { onIdleClientError: options.onIdleClientError }),
  });
  let dropped: Promise<void> | null = null;
  const drop = (): Promise<void> => {
    dropped ??= (async () => {
      const closing = db.close();
      await (options.ignoreCloseErrors === true ? closing.catch(() => undefined) : closing);
      // `with (force)` also ends the connections of a worker or child process still alive.
      await onServer(serverUrl, `drop database if exists ${name} with (force)`);
    })();
    return dropped;
  };
  options.onCreated?.(drop);
  if (options.migrate !== false) {
    try {
      await applyMigrations(db, { platformShim: true });
    } catch (error) {
      await drop();
      throw error;
    }
  }
  return { name, url: url.toString(), db, drop };
}
