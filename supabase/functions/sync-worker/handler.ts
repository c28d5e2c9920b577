import type { InvocationSummary } from '../../../backend/engine/invocation.ts';
import { jsonResponse, methodNotAllowed, unauthorized } from '../_shared/json-response.ts';
import type { FunctionHandler } from '../_shared/serve.ts';

export interface SyncWorkerDeps {
  isAuthorized: (request: Request) => Promise<boolean>;
  /** Runs one worker invocation that starts no slice after `deadline` (epoch ms). */
  invoke: (deadline: number) => Promise<InvocationSummary>;
  budgetMs: number;
}

/**
 * pg_cron's call: authenticate first, so a caller without the secret learns nothing, not even
 * which methods exist; then only POST runs the worker. The answer lists what each job did,
 * field by field, so whatever else the summary grows to hold is not published by accident.
 */
export function createSyncWorkerHandler(deps: SyncWorkerDeps): FunctionHandler {
  return async (request) => {
    if (!(await deps.isAuthorized(request))) return unauthorized();
    if (request.method !== 'POST') return methodNotAllowed('POST');
    const summary = await deps.invoke(Date.now() + deps.budgetMs);
    return jsonResponse(200, {
      workerId: summary.workerId,
      requeued: summary.requeued,
      scheduled: summary.scheduled,
      jobs: summary.jobs.map(({ jobId, integrationId, kind, outcome }) => ({ jobId, integrationId, kind, outcome })),
      cpuMs: Math.round(summary.cpuMs),
    });
  };
}
