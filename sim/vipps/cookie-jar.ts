interface StoredCookie {
  name: string;
  value: string;
  path: string;
  /** Epoch ms, or null for a session cookie. */
  expiresAt: number | null;
}

/**
 * A browser's cookies for one origin, enough for oidc-provider's interaction and session
 * cookies: names, values, paths and expiry. Cookies from or for any other origin are ignored.
 */
export class CookieJar {
  readonly #origin: string;
  readonly #cookies = new Map<string, StoredCookie>();

  constructor(origin: string) {
    this.#origin = origin;
  }

  /** Stores the `Set-Cookie` headers of a response from `url`. */
  store(url: URL, response: Response): void {
    if (url.origin !== this.#origin) return;
    for (const header of response.headers.getSetCookie()) {
      const cookie = parseSetCookie(header, url);
      if (cookie === null) continue;
      const key = `${cookie.name}\t${cookie.path}`;
      if (cookie.expiresAt !== null && cookie.expiresAt <= Date.now()) this.#cookies.delete(key);
      else this.#cookies.set(key, cookie);
    }
  }

  /** The `Cookie` header a browser would send to `url`, or null when none applies. */
  headerFor(url: URL): string | null {
    if (url.origin !== this.#origin) return null;
    const now = Date.now();
    const matching = [...this.#cookies.values()]
      .filter((cookie) => (cookie.expiresAt === null || cookie.expiresAt > now) && pathMatches(url.pathname, cookie.path))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length === 0 ? null : matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
  }
}

/** RFC 6265 §5.1.4. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

function defaultPath(url: URL): string {
  const slash = url.pathname.lastIndexOf('/');
  return slash <= 0 ? '/' : url.pathname.slice(0, slash);
}

function parseSetCookie(header: string, url: URL): StoredCookie | null {
  const [pair = '', ...attributes] = header.split(';');
  const equals = pair.indexOf('=');
  if (equals <= 0) return null;
  const cookie: StoredCookie = { name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1).trim(), path: defaultPath(url), expiresAt: null };
  let maxAgeSeen = false;
  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (key === 'path' && value.startsWith('/')) cookie.path = value;
    else if (key === 'max-age' && /^-?\d+$/.test(value)) {
      cookie.expiresAt = Date.now() + Number(value) * 1000;
      maxAgeSeen = true;
    } else if (key === 'expires' && !maxAgeSeen) {
      const expires = Date.parse(value);
      if (!Number.isNaN(expires)) cookie.expiresAt = expires;
    }
  }
  return cookie;
}
