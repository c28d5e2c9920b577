/**
 * Function settings come from the environment (Supabase: `supabase secrets set`). They are read
 * once, when the function starts, so a missing one stops it at start with every missing name
 * listed, instead of failing the first request. Values are never put in a message.
 */
export function requireEnv<const Name extends string>(names: readonly Name[]): Record<Name, string> {
  const values = {} as Record<Name, string>;
  const missing: Name[] = [];
  for (const name of names) {
    const value = Deno.env.get(name);
    if (value === undefined || value.trim() === '') missing.push(name);
    else values[name] = value.trim();
  }
  if (missing.length > 0) {
    throw new Error(`Missing environment variable${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  }
  return values;
}

/** An optional setting; unset and empty are the same. */
export function optionalEnv(name: string): string | undefined {
  const value = Deno.env.get(name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}
