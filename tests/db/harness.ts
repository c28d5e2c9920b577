import { applyMigrations } from '../../backend/db/migrate.node.ts';
import { openPglite } from '../../backend/db/pglite.node.ts';
import type { Db } from '../../backend/db/port.ts';
import { createScratchDatabase } from '../support/scratch-database.ts';

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

/**
 * Test files run one after another but may share a server with other runs, so each gets
 * a database of its own, named at random and dropped when the file is done.
 */
async function openScratchDatabase(serverUrl: string): Promise<Db> {
  // Migrated by openMigrated, like the PGlite target; closing drops it.
  const scratch = await createScratchDatabase(serverUrl, { prefix: 'msync_test', migrate: false });
  return { ...scratch.db, close: scratch.drop };
}
