import type { IncomingMessage, ServerResponse } from 'node:http';

export type ErrorName =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'validation_failed'
  | 'already_set'
  | 'rate_limited'
  | 'server_error'
  | 'service_unavailable';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, status: number, error: ErrorName, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error, message }, headers);
}

export function sendText(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export class BodyTooLargeError extends Error {}

/** The request body as text, refusing more than `limitBytes` so a client cannot exhaust memory. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<unknown>) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limitBytes) throw new BodyTooLargeError(`body exceeds ${limitBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as text, or null once a 413 is answered because it is over `limitBytes`. */
export async function readBodyOrRefuse(req: IncomingMessage, res: ServerResponse, limitBytes: number): Promise<string | null> {
  try {
    return await readBody(req, limitBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendError(res, 413, 'payload_too_large', 'The request body is too large');
    return null;
  }
}

/** The JSON object a write sent, or null once a 400 is answered because the body is not one. */
export function jsonObjectOrRefuse(res: ServerResponse, text: string, hint: string): object | null {
  const body = parseJson(text);
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body;
  sendError(res, 400, 'invalid_request', hint);
  return null;
}

/** The fields a strict write schema refused, unknown ones included, each named once. */
export function refusedFieldNames(error: { issues: readonly { code: string; path: readonly PropertyKey[]; keys?: readonly string[] }[] }): string[] {
  return [...new Set(error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? (issue.keys ?? []) : [String(issue.path[0] ?? 'body')])))];
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
