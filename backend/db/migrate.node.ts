import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Db } from './port.ts';

const defaultMigrationsDir = fileURLToPath(new URL('../../supabase/migrations/', import.meta.url));
const defaultShimDir = fileURLToPath(new URL('../../supabase/platform-shim/', import.meta.url));

// Supabase's naming; anything else in the folder is a mistake worth failing on, and the
// strict shape makes the name safe to put in the ledger insert as a literal.
const migrationName = /^\d{14}_[a-z0-9_]+\.sql$/;

// The ledger gets RLS like every other table, with no policies and no grants: only the
// migration role (which bypasses RLS) ever touches it.
const ledgerSql = `
  create schema if not exists sync_meta;
  create table if not exists sync_meta.schema_migrations (
    name text primary key,
    applied_at timestamptz not null default now()
  );
  alter table sync_meta.schema_migrations enable row level security;
`;

export interface MigrationOptions {
  /** Apply supabase/platform-shim first. Only outside Supabase (PGlite, a plain server). */
  platformShim: boolean;
  migrationsDir?: string;
  shimDir?: string;
}

async function sqlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir);
  return entries.filter((entry) => entry.endsWith('.sql')).sort();
}

/**
 * Applies each migration at most once, in name order, recording it in
 * sync_meta.schema_migrations. Each file and its ledger row go to the server as one
 * multi-statement script: the simple query protocol runs such a script as one implicit
 * transaction on every driver, so a failing file leaves nothing behind. (The port's
 * transaction cannot be used: its Queryable takes one statement at a time on PGlite.)
 *
 * Not safe for two processes migrating the same database at once; hosts migrate at
 * startup, before they serve.
 */
export async function applyMigrations(db: Db, options: MigrationOptions): Promise<{ applied: string[] }> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir;
  const shimDir = options.shimDir ?? defaultShimDir;

  if (options.platformShim) {
    // Idempotent by construction, so it runs every time rather than through the ledger.
    for (const file of await sqlFiles(shimDir)) {
      await db.exec(await readFile(path.join(shimDir, file), 'utf8'));
    }
  }

  await db.exec(ledgerSql);
  const done = await db.query<{ name: string }>('select name from sync_meta.schema_migrations');
  const alreadyApplied = new Set(done.rows.map((row) => row.name));

  const applied: string[] = [];
  for (const file of await sqlFiles(migrationsDir)) {
    if (!migrationName.test(file)) {
      throw new Error(`Migration file name does not match YYYYMMDDHHMMSS_name.sql: ${file}`);
    }
    if (alreadyApplied.has(file)) continue;
    const sql = await readFile(path.join(migrationsDir, file), 'utf8');
    try {
      await db.exec(`${sql}\n;\ninsert into sync_meta.schema_migrations (name) values ('${file}');`);
    } catch (error) {
      throw new Error(`Migration ${file} failed`, { cause: error });
    }
    applied.push(file);
  }
  return { applied };
}
