import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/**
 * Consio's API answers errors as RFC 7807 problem details, the way an ASP.NET Core service does:
 * `type` points at the HTTP status's section of RFC 9110, and `traceId` is what support asks for.
 */
const statusSections: Readonly<Record<number, [section: string, title: string]>> = {
  400: ['15.5.1', 'Bad Request'],
  401: ['15.5.2', 'Unauthorized'],
  403: ['15.5.4', 'Forbidden'],
  404: ['15.5.5', 'Not Found'],
  405: ['15.5.6', 'Method Not Allowed'],
  409: ['15.5.10', 'Conflict'],
  413: ['15.5.14', 'Content Too Large'],
  415: ['15.5.16', 'Unsupported Media Type'],
  422: ['15.5.21', 'Unprocessable Content'],
  429: ['6585#section-4', 'Too Many Requests'],
  500: ['15.6.1', 'Internal Server Error'],
  502: ['15.6.3', 'Bad Gateway'],
  503: ['15.6.4', 'Service Unavailable'],
  504: ['15.6.5', 'Gateway Timeout'],
};

function problemType(status: number): string {
  const section = statusSections[status]?.[0];
  if (section === undefined) return 'about:blank';
  return section.includes('#') ? `https://tools.ietf.org/html/rfc${section}` : `https://tools.ietf.org/html/rfc9110#section-${section}`;
}

export function newTraceId(): string {
  // W3C trace-context shape: 00-<trace id>-<span id>-00.
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

export interface Problem {
  detail: string;
  title?: string;
  /** Extension members, e.g. `errors` on a validation problem. */
  extensions?: Record<string, unknown>;
}

export function sendProblem(res: ServerResponse, status: number, problem: Problem, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({
    type: problemType(status),
    title: problem.title ?? statusSections[status]?.[1] ?? 'Error',
    status,
    detail: problem.detail,
    traceId: newTraceId(),
    ...problem.extensions,
  });
  res.writeHead(status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/** Retry-After as an HTTP-date, Consio's form (RFC 9110 allows it besides delta-seconds). */
export function retryAfterDate(seconds: number, now: number = Date.now()): string {
  // HTTP-dates have whole seconds; rounding up keeps the promised wait at least `seconds`.
  return new Date(Math.ceil((now + seconds * 1000) / 1000) * 1000).toUTCString();
}
