/** The PostgreSQL server the db tests may use, by the harness's rule: DATABASE_URL, when set. */
export function serverUrl(): string | null {
  const url = process.env.DATABASE_URL;
  return url !== undefined && url !== '' ? url : null;
}
