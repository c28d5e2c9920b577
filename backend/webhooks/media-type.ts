/**
 * Whether a Content-Type header declares JSON in UTF-8, the only thing Cornerstone sends:
 * `application/json`, in any case, with no charset or `charset=utf-8` (`utf8` too, as some
 * senders write it). Anything else (a form, multipart, text, or JSON in another encoding we would
 * decode wrongly) is refused with 415, even when signed: the body is read as UTF-8 JSON and must
 * have been sent as that. Parameters follow RFC 9110: `;`-separated `name=value` pairs, values
 * possibly quoted, empty parts ignored; one that is not a pair makes the header malformed.
 */
export function isJsonUtf8(contentType: string | null): boolean {
  if (contentType === null) return false;
  const [essence = '', ...parameters] = splitOutsideQuotes(contentType);
  if (essence.trim().toLowerCase() !== 'application/json') return false;
  for (const part of parameters) {
    const parameter = part.trim();
    if (parameter === '') continue;
    const separator = parameter.indexOf('=');
    if (separator <= 0) return false;
    const name = parameter.slice(0, separator).trim().toLowerCase();
    const value = unquote(parameter.slice(separator + 1).trim()).toLowerCase();
    if (name === 'charset' && value !== 'utf-8' && value !== 'utf8') return false;
  }
  return true;
}

/** `a; b="c;d"` → `['a', ' b="c;d"']`: a quoted `;` does not separate parameters. */
function splitOutsideQuotes(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < header.length; index++) {
    const char = header[index] ?? '';
    if (quoted && char === '\\') {
      current += char + (header[index + 1] ?? '');
      index++;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

const unquote = (value: string): string =>
  value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
