import { startLoopbackServer } from '../http/loopback-server.node.ts';
import { readCappedBody } from '../webhooks/read-body.ts';
import { handleEnrichmentRequest, MAX_ENRICHMENT_BODY_BYTES, type EnrichmentEndpointDeps } from './enrichment-endpoint.ts';

export const ENRICHMENT_PATH = '/vipps-enrichment';

export interface EnrichmentServer {
  /** e.g. http://127.0.0.1:41234/vipps-enrichment */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The `vipps-enrichment` endpoint on a Node host: the embedded demo, the tests and the benchmark.
 * In production the Edge Function of that name serves the same handler.
 */
export async function startEnrichmentServer(
  deps: EnrichmentEndpointDeps,
  options: { port?: number; onError?: (error: unknown) => void } = {},
): Promise<EnrichmentServer> {
  const server = await startLoopbackServer(async (request) => {
    if (request.path !== ENRICHMENT_PATH) return { status: 404, body: { ok: false, error: 'not_found' } };
    const declared = Number(request.headers.get('content-length') ?? '0');
    const rawBody = declared > MAX_ENRICHMENT_BODY_BYTES ? null : await readCappedBody(request.body, MAX_ENRICHMENT_BODY_BYTES);
    return handleEnrichmentRequest(deps, { method: request.method, headers: request.headers, rawBody });
  }, options);
  return { url: `${server.url}${ENRICHMENT_PATH}`, close: () => server.close() };
}
