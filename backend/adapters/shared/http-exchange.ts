import { networkFailure } from './network-failure.ts';
import type { VendorWording } from './vendor-wording.ts';

/** A vendor's API: its wording, and the media types its answers come in. */
export interface VendorApi extends VendorWording {
  /** The Accept header sent with every request. */
  readonly accept: string;
}

export type ResponseBody = { kind: 'json'; value: unknown } | { kind: 'not_json' };

export interface VendorResponse {
  status: number;
  headers: Headers;
  body: ResponseBody;
}

export interface VendorRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
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
export function jsonOf(response: VendorResponse): unknown {
  return response.body.kind === 'json' ? response.body.value : undefined;
}

/**
 * One HTTP exchange with a vendor. Failures before a response become SourceErrors; an abort
 * rethrows the signal's reason (the deadline's source_timeout, or the caller's own reason).
 * Redirects are not followed: fetch would carry the credentials to whatever host a redirect names.
 */
export async function requestVendor(vendor: VendorApi, fetchFn: typeof fetch, request: VendorRequest, signal: AbortSignal): Promise<VendorResponse> {
  try {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: { Accept: vendor.accept, ...request.headers },
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
    throw networkFailure(vendor, error, request.url);
  }
}
