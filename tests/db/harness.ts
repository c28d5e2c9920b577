import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../../backend/db/migrate.node.ts';
import { openNodePostgres } from '../../backend/db/node-postgres.node.ts';
import { openPglite } from '../../backend/db/pglite.node.ts';
import type { Db } from '../../backend/db/port.ts';

export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  /** A fresh, empty database of its own; `close()` disposes of it. */
  open: () => Promise<Db>;
}

/**
 * Every database the db tests run against: PGlite always, and the real PostgreSQL
 * server when DATABASE_URL is set. Use with `describe.each(databaseTargets())`.
 */
export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: 'pglite', open: () => openPglite() }];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl !== undefined && serverUrl !== '') {
    targets.push({ name: 'postgres', open: () => openScratchDatabase(serverUrl) });
  }
  return targets;
}

/** A fresh database with the platform shim and every migration applied. */
export async function openMigrated(target: DatabaseTarget): Promise<Db> {
  const db = await target.open();
  try {
    await applyMigrations(db, { platformShim: true });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

async function withServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Test files run one after another but may share a server with other runs, so each gets
 * a database of its own, named at random and dropped when the file is done.
 */
async function openScratchDatabase(serverUrl: string): Promise<Db> {
  const name = `msync_test_${randomBytes(6).toString('hex')}`;
  await withServer(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openNodePostgres(url.toString(), { max: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      // `with (force)` ends any connection a failed test left behind.
      await withServer(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
