import { SourceError } from '../member-source.ts';
import type { VendorWording } from './vendor-wording.ts';

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

function invalidAddress(vendor: VendorWording, detail: string): SourceError {
  return new SourceError('source_unreachable', `The ${vendor.name} API address ${detail}. Correct it in the integration settings.`, {
    actor: 'org_admin',
    retryable: false,
  });
}

/**
 * The configured API address, https only: plain http would send the vendor credentials in clear
 * text. Only a host that runs the simulator itself (the embedded demo, tests) allows plain http
 * to this machine; in production a loopback address would reach the worker's own host.
 */
export function parseBaseUrl(vendor: VendorWording, value: string, options: { allowLoopbackHttp?: boolean } = {}): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalidAddress(vendor, 'is not a web address');
  }
  if (url.username || url.password) throw invalidAddress(vendor, 'must not contain a username or password');
  if (url.protocol !== 'https:' && !(options.allowLoopbackHttp === true && url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw invalidAddress(vendor, 'must start with https://');
  }
  url.search = '';
  url.hash = '';
  return url;
}

/** `path` (starting with "/") under the base address, keeping any path prefix the base has. */
export function endpoint(base: URL, path: string, query: Record<string, string> = {}): URL {
  const url = new URL(base);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}
