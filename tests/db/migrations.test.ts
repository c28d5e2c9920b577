// @vitest-environment node
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../backend/db/migrate.node.ts';
import type { Db } from '../../backend/db/port.ts';
import { databaseTargets } from './harness.ts';

// Tables an admin must never reach through a policy, by design.
const tablesWithoutPolicies = [
  'sync.integration_credentials',
  'sync.webhook_secrets',
  'sync.app_user_vipps_accounts',
  'sync.run_seen_members',
  'sync.staged_member_changes',
  'sync_meta.schema_migrations',
];

describe.each(databaseTargets())('migrations on $name', (target) => {
  let db: Db;

  beforeAll(async () => {
    db = await target.open();
  });

  afterAll(async () => {
    await db?.close();
  });

  it('apply cleanly on an empty database', async () => {
    const { applied } = await applyMigrations(db, { platformShim: true });
    expect(applied.length).toBeGreaterThan(0);
    expect(applied).toEqual([...applied].sort());
  });

  it('apply nothing the second time, and the shim is safe to re-run', async () => {
    const { applied } = await applyMigrations(db, { platformShim: true });
    expect(applied).toEqual([]);
  });

  it('leave nothing behind when a migration fails halfway', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'msync-migrations-'));
    try {
      await writeFile(path.join(dir, '20990101000000_broken.sql'), 'create table sync.broken_probe (id int);\nselect 1 / 0;\n');
      await expect(applyMigrations(db, { platformShim: false, migrationsDir: dir })).rejects.toThrow(/20990101000000_broken\.sql/);
      const { rows } = await db.query<{ probe: string | null; recorded: boolean }>(
        `select to_regclass('sync.broken_probe')::text as probe,
                exists (select 1 from sync_meta.schema_migrations where name = $1) as recorded`,
        ['20990101000000_broken.sql'],
      );
      expect(rows).toEqual([{ probe: null, recorded: false }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('enable RLS on every table in sync and sync_meta', async () => {
    const { rows } = await db.query<{ table_name: string; rls: boolean }>(
      `select n.nspname || '.' || c.relname as table_name, c.relrowsecurity as rls
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('sync', 'sync_meta')
          and c.relkind in ('r', 'p')
        order by 1`,
    );
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['sync.organizations', 'sync.members', 'sync.sync_jobs', 'sync_meta.schema_migrations']),
    );
    expect(rows.filter((row) => !row.rls)).toEqual([]);
  });

  it('give every table policies named <table>_<command>_<who>, except the deliberately closed ones', async () => {
    const { rows: policies } = await db.query<{ table_name: string; policyname: string; cmd: string }>(
      `select schemaname || '.' || tablename as table_name, policyname, cmd
         from pg_policies
        where schemaname in ('sync', 'sync_meta')`,
    );
    for (const policy of policies) {
      const table = policy.table_name.split('.')[1] ?? '';
      const convention = new RegExp(`^${table}_(select|insert|update|delete)_[a-z_]+$`);
      expect(policy.policyname, policy.policyname).toMatch(convention);
      expect(policy.policyname, policy.policyname).toContain(`_${policy.cmd.toLowerCase()}_`);
    }

    const { rows: tables } = await db.query<{ table_name: string }>(
      `select n.nspname || '.' || c.relname as table_name
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('sync', 'sync_meta') and c.relkind in ('r', 'p')`,
    );
    const withPolicies = new Set(policies.map((policy) => policy.table_name));
    const withoutPolicies = tables.map((row) => row.table_name).filter((name) => !withPolicies.has(name));
    expect(withoutPolicies.sort()).toEqual([...tablesWithoutPolicies].sort());
  });

  it('have no column that could hold a national identity number', async () => {
    const { rows } = await db.query<{ column_name: string }>(
      `select table_name || '.' || column_name as column_name
         from information_schema.columns
        where table_schema in ('sync', 'sync_meta')
          and (column_name ilike '%personnummer%' or column_name ilike '%fnr%' or column_name ilike '%nin%')
          and column_name <> 'has_personnummer'`,
    );
    expect(rows).toEqual([]);
  });

  it('set search_path on every security definer function', async () => {
    const { rows } = await db.query<{ name: string; config: string[] | null }>(
      `select n.nspname || '.' || p.proname as name, p.proconfig as config
         from pg_proc p
         join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('sync', 'sync_meta') and p.prosecdef`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const unpinned = rows.filter((row) => !(row.config ?? []).some((setting) => setting.startsWith('search_path=')));
    expect(unpinned).toEqual([]);
  });

  it('let no one but explicit grantees execute functions in sync', async () => {
    const { rows } = await db.query<{ name: string }>(
      `select n.nspname || '.' || p.proname as name
         from pg_proc p
         join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'sync'
          and p.prokind = 'f'
          and has_function_privilege('public', p.oid, 'execute')`,
    );
    expect(rows).toEqual([]);
  });

  it('return the same column types on every driver', async () => {
    const { rows } = await db.query<Record<string, unknown>>(
      `select 42::int8 as count, '2001-02-03'::date as day, '2001-02-03T04:05:06Z'::timestamptz as at,
              array['chair', 'member']::text[] as roles, '{"a": 1}'::jsonb as doc, true as flag, null::text as missing`,
    );
    expect(rows[0]).toEqual({
      count: 42,
      day: '2001-02-03',
      at: new Date('2001-02-03T04:05:06Z'),
      roles: ['chair', 'member'],
      doc: { a: 1 },
      flag: true,
      missing: null,
    });
  });
});
