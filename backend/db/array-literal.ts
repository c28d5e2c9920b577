/**
 * PostgreSQL array literals, for sending a column of values as one `$n::type[]` parameter
 * (`unnest($1::uuid[], $2::text[], ...)` turns a page into rows).
 *
 * Typed arrays are the cheapest way to hand PostgreSQL a thousand rows: it reads them far
 * faster than it takes apart a JSON document of the same rows. Works with every driver behind
 * the port, since the literal travels as text and the cast in the statement reads it.
 */

// A JSON escape other than \" and \\ (a control character, a lone surrogate): array literals
// have no such escapes, so those values take the slow path. Rare, and merely slower when it
// matches more than it must (a backslash followed by a letter).
const otherJsonEscape = /\\[^"\\]/;
const escaped = /["\\]/g;

function element(value: string | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `"${value.replace(escaped, '\\$&')}"`;
}

/**
 * `{"a","b",NULL}`: each string is double-quoted (so commas, braces, spaces, the word NULL and
 * empty strings keep their meaning) with `"` and `\` backslash-escaped; null is SQL NULL;
 * booleans are `true`/`false`.
 *
 * For strings without control characters, JSON's array syntax is exactly that: the same
 * quotes, the same two escapes, and a bare `null` that PostgreSQL reads as NULL. So the
 * literal is JSON.stringify's output with braces for brackets, native speed for a page of
 * values; anything else is written element by element.
 */
export function arrayLiteral(values: readonly (string | boolean | null)[]): string {
  const json = JSON.stringify(values);
  if (!otherJsonEscape.test(json)) return `{${json.slice(1, -1)}}`;
  return `{${values.map(element).join(',')}}`;
}
