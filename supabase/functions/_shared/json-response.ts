/**
 * Answers of server-to-server functions: JSON, never cached, and no CORS headers, because no
 * browser is meant to call them. Error bodies carry a code only, never an error's message.
 */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

export const unauthorized = (): Response => jsonResponse(401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });

export const methodNotAllowed = (allow: string): Response => jsonResponse(405, { error: 'method_not_allowed' }, { allow });

export const internalError = (): Response => jsonResponse(500, { error: 'internal' });
