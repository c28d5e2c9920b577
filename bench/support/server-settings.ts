import type { Db } from '../../backend/db/port.ts';

/** The server settings that move the figures most, printed with every run. */
export async function describeServer(db: Db): Promise<{ line: string; autovacuum: boolean }> {
  const { rows } = await db.query<{ name: string; setting: string; unit: string | null }>(
    `select name, setting, unit from pg_settings
      where name in ('server_version', 'autovacuum', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_parallel_workers_per_gather')`,
  );
  const value = (name: string) => rows.find((row) => row.name === name);
  const buffers = value('shared_buffers');
  const sharedMb = buffers ? (Number(buffers.setting) * 8) / 1024 : Number.NaN;
  const autovacuum = value('autovacuum')?.setting === 'on';
  const line =
    `PostgreSQL ${value('server_version')?.setting ?? '?'}: autovacuum ${autovacuum ? 'on' : 'OFF'}, fsync ${value('fsync')?.setting}, ` +
    `synchronous_commit ${value('synchronous_commit')?.setting}, shared_buffers ${sharedMb} MB`;
  return { line, autovacuum };
}

/**
 * Autovacuum's analyze rule (more than 50 + 10 % of the rows changed since the last analyze),
 * checked every `intervalMs` on the engine's tables: what a server with autovacuum on does,
 * for a server where it is off. Off by default; `--autoanalyze` turns it on.
 */
export function startAutoAnalyze(db: Db, intervalMs = 1000): { stop(): Promise<number> } {
  let analyses = 0;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    const { rows } = await db.query<{ relname: string }>(
      `select s.relname from pg_stat_user_tables s join pg_class c on c.oid = s.relid
        where s.schemaname = 'sync' and s.relname in ('members', 'member_links', 'run_seen_members')
          and s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)`,
    );
    for (const row of rows) {
      await db.query(`analyze sync.${row.relname}`);
      analyses++;
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick).catch(() => undefined);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      return analyses;
    },
  };
}
