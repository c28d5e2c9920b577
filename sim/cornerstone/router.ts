import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorize, handleTokenRequest } from './auth-routes.ts';
import type { SimContext } from './context.ts';
import { handleMembers, handleOrganization } from './data-routes.ts';
import type { QueuedFault } from './faults.ts';
import { sendError, sendJson, sendText, type ErrorName } from './http-io.ts';
import { handleMemberRead, handleMemberWrite } from './member-routes.ts';
import { handleNationalIdentityNumberWrite } from './national-identity-number-route.ts';
import { handleWebhookSubscription } from './webhook-routes.ts';

const dataPrefix = '/api/v1/';
// `/api/v1/members/{memberId}`, or its `/national-identity-number`.
const memberPath = /^\/api\/v1\/members\/([^/]+)(\/national-identity-number)?$/;

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
  // Everything up to here is what a gateway in front of the API does, so it runs before authentication.
  if (!passesGateway(ctx, req, res)) return;
  if (!authorize(ctx, req, res)) return;

  switch (url.pathname) {
    case '/api/v1/organization':
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      return handleOrganization(ctx, res);
    case '/api/v1/members':
      if (method !== 'GET') return methodNotAllowed(res, 'GET');
      return handleMembers(ctx, url, res);
    case '/api/v1/webhooks/subscription':
      return handleWebhookSubscription(ctx, method, req, res);
  }

  const member = memberFromPath(url.pathname);
  if (member === null) return sendError(res, 404, 'not_found', 'No such endpoint');
  if (member.nationalIdentityNumber) {
    if (method === 'PUT') return handleNationalIdentityNumberWrite(ctx, member.memberId, req, res);
    return methodNotAllowed(res, 'PUT');
  }
  if (method === 'GET') return handleMemberRead(ctx, member.memberId, res);
  if (method === 'PATCH') return handleMemberWrite(ctx, member.memberId, req, res);
  return methodNotAllowed(res, 'GET, PATCH');
}

/** The member a `/api/v1/members/{memberId}[/national-identity-number]` path names, or null for any other path. */
function memberFromPath(pathname: string): { memberId: string; nationalIdentityNumber: boolean } | null {
  const match = memberPath.exec(pathname);
  if (match?.[1] === undefined) return null;
  try {
    return { memberId: decodeURIComponent(match[1]), nationalIdentityNumber: match[2] !== undefined };
  } catch {
    return null;
  }
}

/** Queued faults, then the rate limit, then the transient failure rate; false when one of them answered. */
function passesGateway(ctx: SimContext, req: IncomingMessage, res: ServerResponse): boolean {
  const fault = ctx.faults.takeNext();
  if (fault !== undefined) {
    ctx.stats.faultsServed++;
    serveFault(res, fault);
    return false;
  }

  const admission = ctx.rateLimit.take();
  if (!admission.allowed) {
    ctx.stats.rateLimited++;
    sendError(res, 429, 'rate_limited', 'Too many requests', { 'Retry-After': String(admission.retryAfterSeconds) });
    return false;
  }

  const failure = ctx.transientFailures.draw();
  if (failure === null) return true;
  ctx.stats.transientFailuresServed++;
  switch (failure.kind) {
    case 'unavailable':
      sendError(res, 503, 'service_unavailable', 'Cornerstone is temporarily unavailable');
      break;
    case 'rate_limited':
      sendError(res, 429, 'rate_limited', 'Too many requests', { 'Retry-After': String(failure.retryAfterSeconds) });
      break;
    case 'reset':
      req.socket.resetAndDestroy();
      break;
  }
  return false;
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

  const headers: Record<string, string> = fault.retryAfterSeconds === null ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
  const error = faultErrorNames.get(fault.status) ?? (fault.status >= 500 ? 'server_error' : 'invalid_request');
  sendError(res, fault.status, error, `Injected fault: HTTP ${fault.status}`, headers);
}
