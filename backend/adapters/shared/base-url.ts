import { SourceError } from '../member-source.ts';
import type { VendorWording } from './vendor-wording.ts';

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * An address of this machine or a private network, written as such: a registry is a public
 * service, and the worker's own network is not something an admin may point it at. (A public
 * name that resolves to a private address is not caught here; the platform's egress rules are.)
 */
function isPrivateAddress(hostname: string): boolean {
  if (isLoopback(hostname) || hostname.endsWith('.localhost') || hostname === '[::]') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(hostname);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  // IPv6 literals: unique local (fc00::/7), link-local (fe80::/10), and IPv4-mapped private ones.
  return /^\[(?:f[cd]|fe[89ab])/i.test(hostname) || /^\[::ffff:/i.test(hostname);
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
  if (options.allowLoopbackHttp !== true && isPrivateAddress(url.hostname)) {
    throw invalidAddress(vendor, 'must be the registry’s public address, not one of this machine or a private network');
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
