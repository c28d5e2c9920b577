import pg from 'pg';
import type { Db, Queryable, QueryResult } from './port.ts';

const writeCommands = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);

/**
 * Column types as the PGlite driver returns them, so handlers see the same values on
 * every driver: int8 (counts) as a number when it fits, and `date` as 'YYYY-MM-DD'.
 */
function typeParsers(): pg.TypeOverrides {
  const overrides = new pg.TypeOverrides();
  overrides.setTypeParser(pg.types.builtins.INT8, (value: string) => {
    const big = BigInt(value);
    return big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER) ? big : Number(big);
  });
  overrides.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
  return overrides;
}

async function run<Row>(target: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[] | undefined): Promise<QueryResult<Row>> {
  const result = await target.query(sql, params === undefined ? undefined : [...params]);
  return {
    rows: result.rows as Row[],
    affectedRows: writeCommands.has(result.command) ? (result.rowCount ?? 0) : 0,
  };
}

/** The driver for a real PostgreSQL server (tests, and any Node host with a direct connection). */
export function openNodePostgres(connectionString: string, options: { max?: number; onIdleClientError?: (error: Error) => void } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types: typeParsers() });
  // An idle connection the server ends (restart, failover, `drop database … with (force)`) is
  // reported here; the pool has already discarded it. Without a listener it would crash the process.
  pool.on('error', options.onIdleClientError ?? ((error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`)));

  return {
    query: (sql, params) => run(pool, sql, params),
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // A client whose ROLLBACK failed is in an unknown state; destroy it rather than
      // hand it to the next caller.
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const result = await work({ query: (sql, params) => run(client, sql, params) });
        await client.query('commit');
        return result;
      } catch (error) {
        try {
          await client.query('rollback');
        } catch (rollbackError) {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}
