import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../../backend/db/migrate.node.ts';
import { openNodePostgres } from '../../backend/db/node-postgres.node.ts';
import type { Db } from '../../backend/db/port.ts';

export interface ScratchDatabase {
  /** Its connection URL, for a function started in another process. */
  url: string;
  /** The test's own connection to it, as the table owner. */
  db: Db;
  /** Closes the connection and drops the database. */
  drop(): Promise<void>;
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

/**
 * A fresh database on the server at DATABASE_URL with the platform shim and every migration,
 * like tests/db/harness.ts makes, but with its URL known: the function under test connects
 * to it from its own process.
 */
export async function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = `msync_fn_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openNodePostgres(url.toString(), { max: 4 });
  const drop = async () => {
    await db.close();
    // `with (force)` also ends the connections of a function that is still running.
    await onServer(serverUrl, `drop database if exists ${name} with (force)`);
  };
  try {
    await applyMigrations(db, { platformShim: true });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.toString(), db, drop };
}
