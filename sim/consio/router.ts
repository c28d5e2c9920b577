import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, sendText } from '../cornerstone/http-io.ts';
import { authorize, handleTokenRequest, tokenPath } from './auth-routes.ts';
import type { ConsioSimContext } from './context.ts';
import { handleMemberList, handleMemberRead, handleMemberWrite, handleOrganization } from './data-routes.ts';
import type { QueuedFault, StatusFault } from './faults.ts';
import { retryAfterDate, sendProblem } from './problem.ts';
import { handleSsnWrite } from './ssn-write.ts';

const dataPrefix = '/api/v2/';
const memberPath = /^\/api\/v2\/members\/([^/]+)$/;
const ssnPath = /^\/api\/v2\/members\/([^/]+)\/ssn$/;

export async function route(ctx: ConsioSimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';

  if (url.pathname === tokenPath) {
    if (method !== 'POST') return methodNotAllowed(res, 'POST');
    return handleTokenRequest(ctx, req, res);
  }
  if (!url.pathname.startsWith(dataPrefix)) return sendProblem(res, 404, { detail: 'No such endpoint.' });

  // Faults come before authentication, the way the gateway in front of the API fails.
  if (gatewayFailed(ctx, req, res)) return;
  if (!authorize(ctx, req, res)) return;

  if (url.pathname === '/api/v2/organization') {
    if (method !== 'GET') return methodNotAllowed(res, 'GET');
    return handleOrganization(ctx, res);
  }
  if (url.pathname === '/api/v2/members') {
    if (method !== 'GET') return methodNotAllowed(res, 'GET');
    return handleMemberList(ctx, url, res);
  }
  const member = memberPath.exec(url.pathname);
  if (member?.[1] !== undefined) {
    if (method === 'GET') return handleMemberRead(ctx, member[1], res);
    if (method === 'PATCH') return handleMemberWrite(ctx, member[1], req, res);
    return methodNotAllowed(res, 'GET, PATCH');
  }
  const ssn = ssnPath.exec(url.pathname);
  if (ssn?.[1] !== undefined) {
    if (method === 'PUT') return handleSsnWrite(ctx, ssn[1], req, res);
    return methodNotAllowed(res, 'PUT');
  }
  return sendProblem(res, 404, { detail: 'No such endpoint.' });
}

/** Queued faults, then the rate limit, then the transient failure rate; true when one answered. */
function gatewayFailed(ctx: ConsioSimContext, req: IncomingMessage, res: ServerResponse): boolean {
  const queued = ctx.faults.takeNext();
  if (queued !== undefined) {
    ctx.stats.faultsServed++;
    serveQueuedFault(res, queued);
    return true;
  }

  const waitMs = ctx.faults.rateLimitWaitMs();
  if (waitMs !== null) {
    ctx.stats.rateLimited++;
    sendProblem(res, 429, { detail: 'Rate limit exceeded. Retry after the time given.' }, { 'Retry-After': retryAfterDate(waitMs / 1000) });
    return true;
  }

  const transient = ctx.faults.drawTransient();
  if (transient === null) return false;
  ctx.stats.transientFailures++;
  switch (transient) {
    case 'unavailable':
      sendProblem(res, 503, { detail: 'The service is temporarily unavailable.' });
      break;
    case 'rate_limited':
      sendProblem(res, 429, { detail: 'Rate limit exceeded. Retry after the time given.' }, { 'Retry-After': retryAfterDate(1) });
      break;
    case 'connection_reset':
      req.socket.resetAndDestroy();
      break;
  }
  return true;
}

function methodNotAllowed(res: ServerResponse, allowed: string): void {
  sendProblem(res, 405, { detail: `Use ${allowed}.` }, { Allow: allowed });
}

function retryAfterHeader(fault: StatusFault): Record<string, string> {
  if (fault.retryAfter === null) return {};
  const { seconds, format } = fault.retryAfter;
  return { 'Retry-After': format === 'seconds' ? String(seconds) : retryAfterDate(seconds) };
}

function serveQueuedFault(res: ServerResponse, fault: QueuedFault): void {
  if (fault.kind === 'malformed') {
    if (fault.body === 'not_json') {
      return sendText(res, 200, 'text/html; charset=utf-8', '<html><body><h1>Consio er midlertidig utilgjengelig</h1></body></html>');
    }
    return sendJson(res, 200, { data: [], paging: { next: null } });
  }
  sendProblem(res, fault.status, { detail: `Injected fault: HTTP ${fault.status}.` }, retryAfterHeader(fault));
}
