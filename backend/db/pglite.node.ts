import { PGlite, types, type Results } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { Db, Queryable, QueryResult } from './port.ts';

/**
 * The embedded driver: Postgres in WASM, in-process. In memory unless `dataDir` is given.
 * Startup takes seconds, so share one instance per test file.
 *
 * PGlite is a single connection: while `transaction` runs, every other query on the same
 * instance waits for it. Inside `work`, use only the `tx` it is given; calling the outer
 * Db from there deadlocks.
 */
export async function openPglite(options: { dataDir?: string } = {}): Promise<Db> {
  const pglite = await PGlite.create({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    extensions: { pgcrypto },
    // Same column types as the node-postgres driver: a `date` is a calendar day, and
    // turning it into a JS Date at local midnight invites off-by-one-day bugs.
    parsers: { [types.DATE]: (value: string) => value },
  });

  const run = async <Row>(target: Pick<PGlite, 'query'>, sql: string, params: readonly unknown[] | undefined): Promise<QueryResult<Row>> => {
    const result: Results<Row> = await target.query<Row>(sql, params === undefined ? [] : [...params]);
    return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
  };

  return {
    query: (sql, params) => run(pglite, sql, params),
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      return pglite.transaction(async (tx) => work({ query: (sql, params) => run(tx, sql, params) }));
    },
    async exec(sql) {
      await pglite.exec(sql);
    },
    async close() {
      await pglite.close();
    },
  };
}
