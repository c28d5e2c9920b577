import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorize, handleTokenRequest } from './auth-routes.ts';
import type { SimContext } from './context.ts';
import { handleMembers, handleOrganization } from './data-routes.ts';
import type { QueuedFault } from './faults.ts';
import { sendError, sendJson, sendText, type ErrorName } from './http-io.ts';

const dataPrefix = '/api/v1/';

const faultErrorNames = new Map<number, ErrorName>([
  [401, 'unauthorized'],
  [403, 'forbidden'],
  [429, 'rate_limited'],
  [503, 'service_unavailable'],
]);

export async function route(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';

  if (url.pathname === '/api/auth/token') {
    if (method !== 'POST') return methodNotAllowed(res, 'POST');
    return handleTokenRequest(ctx, req, res);
  }

  if (!url.pathname.startsWith(dataPrefix)) return sendError(res, 404, 'not_found', 'No such endpoint');

  // Faults come before authentication, the way a gateway or load balancer in front of the API fails.
  const fault = ctx.faults.takeNext();
  if (fault !== undefined) {
    ctx.stats.faultsServed++;
    return serveFault(res, fault);
  }

  if (!authorize(ctx, req, res)) return;

  switch (url.pathname) {
    case '/api/v1/organization':
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      return handleOrganization(ctx, res);
    case '/api/v1/members':
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      return handleMembers(ctx, url, res);
    default:
      return sendError(res, 404, 'not_found', 'No such endpoint');
  }
}

function methodNotAllowed(res: ServerResponse, allowed: string): void {
  sendError(res, 405, 'method_not_allowed', `Use ${allowed}`, { Allow: allowed });
}

function serveFault(res: ServerResponse, fault: QueuedFault): void {
  if (fault.kind === 'malformed') {
    if (fault.body === 'not_json') {
      return sendText(res, 200, 'text/html; charset=utf-8', '<html><body><h1>Cornerstone er nede for vedlikehold</h1></body></html>');
    }
    return sendJson(res, 200, { items: [], paging: { next: null } });
  }

  const headers: Record<string, string> =
    fault.retryAfterSeconds === null ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
  const error = faultErrorNames.get(fault.status) ?? (fault.status >= 500 ? 'server_error' : 'invalid_request');
  sendError(res, fault.status, error, `Injected fault: HTTP ${fault.status}`, headers);
}
