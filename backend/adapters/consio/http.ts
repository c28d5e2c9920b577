import { networkFailure } from './errors.ts';

export type ResponseBody = { kind: 'json'; value: unknown } | { kind: 'not_json' };

export interface ConsioResponse {
  status: number;
  headers: Headers;
  body: ResponseBody;
}

export interface ConsioRequest {
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

/** The JSON value of a response, or undefined (error bodies are read for hints only). */
export function jsonOf(response: ConsioResponse): unknown {
  return response.body.kind === 'json' ? response.body.value : undefined;
}

/**
 * One HTTP exchange with Consio. Failures before a response become SourceErrors; an abort
 * rethrows the signal's reason (the deadline's source_timeout, or the caller's own reason).
 * Redirects are not followed: fetch would carry the client secret or bearer token to whatever
 * host a redirect names.
 */
export async function requestConsio(fetchFn: typeof fetch, request: ConsioRequest, signal: AbortSignal): Promise<ConsioResponse> {
  try {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: { Accept: 'application/json, application/problem+json', ...request.headers },
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
