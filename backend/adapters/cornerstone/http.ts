import { networkFailure } from './errors.ts';

export type ResponseBody = { kind: 'json'; value: unknown } | { kind: 'not_json' };

export interface CornerstoneResponse {
  status: number;
  headers: Headers;
  body: ResponseBody;
}

export interface CornerstoneRequest {
  method: 'GET' | 'POST' | 'PATCH';
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

function parseBody(text: string): ResponseBody {
  try {
    const value: unknown = JSON.parse(text);
    return { kind: 'json', value };
  } catch {
    return { kind: 'not_json' };
  }
}

/**
 * One HTTP exchange with Cornerstone. Failures before a response become SourceErrors; an abort
 * rethrows the signal's reason (the deadline's source_timeout, or the caller's own reason).
 * Redirects are not followed: fetch would carry X-Api-Key to whatever host a redirect names.
 */
export async function requestCornerstone(
  fetchFn: typeof fetch,
  request: CornerstoneRequest,
  signal: AbortSignal,
): Promise<CornerstoneResponse> {
  try {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: { Accept: 'application/json', ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
      signal,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: parseBody(text) };
  } catch (error) {
    if (signal.aborted) {
      const reason: unknown = signal.reason;
      throw reason;
    }
    throw networkFailure(error, request.url);
  }
}
