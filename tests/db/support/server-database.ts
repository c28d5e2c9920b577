import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../../../backend/db/migrate.node.ts';
import { openNodePostgres } from '../../../backend/db/node-postgres.node.ts';
import type { Db } from '../../../backend/db/port.ts';

/** The PostgreSQL server the db tests may use, by the harness's rule: DATABASE_URL, when set. */
export function serverUrl(): string | null {
  const url = process.env.DATABASE_URL;
  return url !== undefined && url !== '' ? url : null;
}

export interface ServerDatabase {
  /** Its connection URL, for a worker started in another process. */
  url: string;
  /** The test's own connection to it, as the table owner. */
  db: Db;
  /** Closes the connection and drops the database. */
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

/**
 * A fresh, migrated database on the server, as harness.ts makes for the postgres target, but
 * with its URL known, so a second process can open it too.
 */
export async function createServerDatabase(server: string): Promise<ServerDatabase> {
  const name = `msync_test_${randomBytes(6).toString('hex')}`;
  await onServer(server, `create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = openNodePostgres(url.toString(), { max: 4 });
  const drop = async () => {
    await db.close();
    // `with (force)` also ends the connections of a worker that is still alive.
    await onServer(server, `drop database if exists ${name} with (force)`);
  };
  try {
    await applyMigrations(db, { platformShim: true });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.toString(), db, drop };
}
