import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AnonKey, ProjectUrl, type Connection } from '../../../shared/contract/connection.ts';

/**
 * A managed install's project, set by whoever installs the console for an organization: a JSON
 * file `{ "supabaseUrl": "https://<ref>.supabase.co", "supabaseAnonKey": "…" }`. Both values are
 * public (the anon key is meant for clients); no secret belongs in it, and none is accepted.
 */
const ManagedConfig = z.object({ supabaseUrl: ProjectUrl, supabaseAnonKey: AnonKey }).strict();

export type ManagedConfigResult = { connection: Connection | null; problem: string | null };

/** The file's project, or none when there is no file; a file that is wrong is named, never half-used. */
export function readManagedConfig(path: string | undefined): ManagedConfigResult {
  if (path === undefined) return { connection: null, problem: null };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { connection: null, problem: null };
    return { connection: null, problem: `The project file ${path} cannot be read` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { connection: null, problem: `The project file ${path} is not JSON` };
  }
  const parsed = ManagedConfig.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))].join(', ');
    return { connection: null, problem: `The project file ${path} is not valid (${fields})` };
  }
  return { connection: { kind: 'supabase', url: parsed.data.supabaseUrl, anonKey: parsed.data.supabaseAnonKey }, problem: null };
}
