import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The project's scan for what must never be kept: every row of every table in our schemas,
 * as text, searched for given secrets (credentials, webhook secrets, personnummer). A new table
 * is scanned without anyone listing it.
 */
export type Query = <Row>(sql: string, params?: unknown[]) => Promise<Row[]>;

export async function everyTableAsText(query: Query): Promise<string> {
  const tables = await query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname in ('sync', 'sync_meta') order by 1`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await query<{ text: string | null }>(`select string_agg(to_jsonb(t)::text, E'\\n') as text from ${name} t`);
    parts.push(`-- ${name}\n${rows[0]?.text ?? ''}`);
  }
  return parts.join('\n');
}

/** Which of `secrets` appear in `haystack`; short strings are refused, since they would match by chance. */
export function secretsIn(haystack: string, secrets: readonly string[]): string[] {
  for (const secret of secrets) if (secret.length < 8) throw new Error(`Too short to scan for reliably: ${secret.length} characters`);
  return secrets.filter((secret) => haystack.includes(secret));
}

/**
 * Every file under `dir`, read as Latin-1 so any byte sequence is text: a database's pages, its
 * write-ahead log, whatever else a host keeps on disk. Digits are ASCII, so a number stored in
 * plain text is found whatever encoding surrounds it.
 */
export function everyFileAsText(dir: string): string {
  const parts: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    parts.push(readFileSync(join(entry.parentPath, entry.name)).toString('latin1'));
  }
  return parts.join('\n');
}
