import { handleAdminApiRequest, MAX_ADMIN_API_BODY_BYTES, type AdminApiDeps } from '../../../backend/admin-api/admin-api.ts';
import { readCappedBody } from '../../../backend/webhooks/read-body.ts';
import { jsonResponse } from '../_shared/json-response.ts';
import type { FunctionHandler } from '../_shared/serve.ts';

/**
 * The console's bridge over HTTPS. The token is checked before the body is read, so a caller
 * without one costs nothing; a declared length over the cap is refused unread.
 */
export function createAdminApiHandler(deps: AdminApiDeps): FunctionHandler {
  return async (request) => {
    const readBody = async () => {
      const declared = Number(request.headers.get('content-length') ?? '0');
      return declared > MAX_ADMIN_API_BODY_BYTES ? null : readCappedBody(request.body, MAX_ADMIN_API_BODY_BYTES);
    };
    const result = await handleAdminApiRequest(deps, { method: request.method, headers: request.headers, readBody });
    return jsonResponse(result.status, result.body, result.headers);
  };
}
