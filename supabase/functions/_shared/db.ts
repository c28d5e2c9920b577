import type { Db } from '../../../backend/db/port.ts';
import { openNodePostgres } from '../../../backend/db/node-postgres.node.ts';
import { describeError } from '../../../backend/logging/describe-error.ts';

/**
 * The database of a function: the node-postgres driver, unchanged, through Deno's npm
 * compatibility (`pg` resolves to the same 8.23.1 the Node hosts use, so the type parsers
 * are the same: int8 → number, date → 'YYYY-MM-DD'). `SUPABASE_DB_URL` is Supabase's direct
 * connection. The pool lives as long as the isolate, so warm invocations reuse connections;
 * it is small because one invocation runs one slice at a time.
 */
export function openFunctionDb(connectionString: string): Db {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    // The URL holds the database password: say what is wrong, never what it is.
    throw new Error('SUPABASE_DB_URL is not a URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error('SUPABASE_DB_URL must be a postgres:// or postgresql:// URL');
  }
  return openNodePostgres(connectionString, {
    max: 3,
    onIdleClientError: (error) => console.warn(`PostgreSQL closed an idle connection\n${describeError(error)}`),
  });
}
