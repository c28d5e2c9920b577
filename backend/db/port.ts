/**
 * The small port every backend handler reaches SQL through. Drivers: PGlite (embedded
 * demo and tests), node-postgres (the real server in tests), Deno (Edge Functions, later).
 */
export interface QueryResult<Row> {
  rows: Row[];
  /** Rows written by INSERT/UPDATE/DELETE, where the driver reports it. */
  affectedRows: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

export interface Db extends Queryable {
  /** Runs `work` in one transaction on one connection; commits if it resolves, rolls back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script with no parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Who a call runs as. Mirrors the claims Supabase's GoTrue puts in a JWT. */
export type Caller = { kind: 'user'; userId: string; email: string } | { kind: 'service' };
