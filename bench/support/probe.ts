import type { Db, Queryable } from '../../backend/db/port.ts';
import type { MemberSource } from '../../backend/adapters/member-source.ts';

export interface StatementTotals {
  count: number;
  ms: number;
}

/**
 * Where a sync's wall time goes, measured from outside the engine: around each transaction
 * (connect + BEGIN, the work, COMMIT), each statement, each page listing and each HTTP
 * exchange. The engine itself is not changed; the probe wraps the Db, the fetch and the
 * MemberSource it is handed.
 */
export class Probe {
  transactions = 0;
  /** From asking for a transaction to its work starting: pool checkout and BEGIN. */
  beginMs = 0;
  /** The work function: statements plus the JavaScript between them. */
  workMs = 0;
  /** From the work resolving to the transaction resolving: COMMIT and release. */
  commitMs = 0;
  statementMs = 0;
  readonly statements = new Map<string, StatementTotals>();
  pages = 0;
  /** listMembers calls, start to end: HTTP, JSON.parse, zod and mapping. Overlaps the writes (prefetch). */
  listMs = 0;
  /** The HTTP exchange alone, body included. */
  httpMs = 0;
  httpBytes = 0;

  reset(): void {
    Object.assign(this, new Probe());
    this.statements.clear();
  }

  #record(sql: string, ms: number): void {
    const label = sql.replace(/\s+/g, ' ').trim().slice(0, 64);
    const totals = this.statements.get(label) ?? { count: 0, ms: 0 };
    totals.count++;
    totals.ms += ms;
    this.statements.set(label, totals);
    this.statementMs += ms;
  }

  #timedQueryable(target: Queryable): Queryable {
    return {
      query: async (sql, params) => {
        const started = performance.now();
        try {
          return await target.query(sql, params);
        } finally {
          this.#record(sql, performance.now() - started);
        }
      },
    };
  }

  wrapDb(db: Db): Db {
    const timed = this.#timedQueryable(db);
    return {
      query: (sql, params) => timed.query(sql, params),
      transaction: async (work) => {
        const asked = performance.now();
        let workStarted = asked;
        let workEnded = asked;
        try {
          return await db.transaction(async (tx) => {
            workStarted = performance.now();
            try {
              return await work(this.#timedQueryable(tx));
            } finally {
              workEnded = performance.now();
            }
          });
        } finally {
          const ended = performance.now();
          this.transactions++;
          this.beginMs += workStarted - asked;
          this.workMs += workEnded - workStarted;
          this.commitMs += ended - workEnded;
        }
      },
      exec: (sql) => db.exec(sql),
      close: () => db.close(),
    };
  }

  /** A fetch that reads the whole body before handing the response on, so httpMs covers the transfer. */
  wrapFetch(inner: typeof fetch = fetch): typeof fetch {
    return async (input, init) => {
      const started = performance.now();
      const response = await inner(input, init);
      const body = await response.arrayBuffer();
      this.httpMs += performance.now() - started;
      this.httpBytes += body.byteLength;
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
  }

  wrapSource(source: MemberSource): MemberSource {
    return {
      ...source,
      listMembers: async (cursor, signal) => {
        const started = performance.now();
        try {
          return await source.listMembers(cursor, signal);
        } finally {
          this.pages++;
          this.listMs += performance.now() - started;
        }
      },
    };
  }

  get transactionMs(): number {
    return this.beginMs + this.workMs + this.commitMs;
  }
}
