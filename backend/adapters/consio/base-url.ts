import { SourceError } from '../member-source.ts';

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

function invalidAddress(detail: string): SourceError {
  return new SourceError('source_unreachable', `The Consio API address ${detail}. Correct it in the integration settings.`, {
    actor: 'org_admin',
    retryable: false,
  });
}

/**
 * The configured API address, https only: plain http would send the client secret in clear text.
 * Only a host that runs the simulator itself (the embedded demo, tests) allows plain http to this
 * machine; in production a loopback address would reach the worker's own host.
 */
export function parseConsioBaseUrl(value: string, options: { allowLoopbackHttp?: boolean } = {}): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalidAddress('is not a web address');
  }
  if (url.username || url.password) throw invalidAddress('must not contain a username or password');
  if (url.protocol !== 'https:' && !(options.allowLoopbackHttp === true && url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw invalidAddress('must start with https://');
  }
  url.search = '';
  url.hash = '';
  return url;
}
