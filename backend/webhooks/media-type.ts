/**
 * Whether a Content-Type header declares JSON in UTF-8, the only thing Cornerstone sends:
 * `application/json`, in any case, with no charset or `charset=utf-8`. Anything else (a form,
 * multipart, text, or JSON in another encoding we would decode wrongly) is refused with 415,
 * even when signed: the body is read as UTF-8 JSON and must have been sent as that.
 */
export function isJsonUtf8(contentType: string | null): boolean {
  if (contentType === null) return false;
  const [essence = '', ...parameters] = contentType.split(';');
  if (essence.trim().toLowerCase() !== 'application/json') return false;
  return parameters.every((parameter) => {
    const separator = parameter.indexOf('=');
    const name = parameter.slice(0, separator).trim().toLowerCase();
    const value = parameter
      .slice(separator + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    return separator > 0 && (name !== 'charset' || value === 'utf-8');
  });
}
