import { CookieJar } from './cookie-jar.ts';
import { VippsLoginError } from './login-errors.ts';

/** What a member does in the Vipps app once sent there: give a phone number, then accept or decline. */
export interface VippsAuthorizationScript {
  /** The authorization URL the relying party built. */
  authorizationUrl: URL;
  /** Where the browser is sent back to; recognised by origin and path, and never fetched. */
  redirectUri: string;
  phoneNumber: string;
  consent: 'accept' | 'deny';
  signal?: AbortSignal;
}

type Landing = { kind: 'callback'; url: URL } | { kind: 'page'; url: URL; status: number; step: string | null };

const maxRedirects = 10;

/**
 * Plays the browser through the simulator's login pages, with a cookie jar and manual redirects,
 * and resolves to the redirect back to the client (with `code` or `error`) without following it.
 * Throws VippsLoginError when a page is not what a login expects (an unknown phone number among them).
 */
export async function completeVippsAuthorization(script: VippsAuthorizationScript): Promise<URL> {
  const browser = new LoginBrowser(script.authorizationUrl.origin, new URL(script.redirectUri), script.signal);

  const loginPage = await browser.get(script.authorizationUrl);
  if (loginPage.kind === 'callback') return loginPage.url;
  expectStep(loginPage, 'login', 'the phone-number page');

  const consentPage = await browser.post(stepUrl(loginPage.url, 'login'), { phoneNumber: script.phoneNumber });
  if (consentPage.kind === 'callback') return consentPage.url;
  if (consentPage.step === 'login') throw new VippsLoginError(`Vipps (simulator) did not accept the phone number (HTTP ${consentPage.status})`);
  expectStep(consentPage, 'consent', 'the consent page');

  const done = await browser.post(stepUrl(consentPage.url, script.consent === 'accept' ? 'confirm' : 'abort'), {});
  if (done.kind === 'callback') return done.url;
  throw new VippsLoginError(`Vipps (simulator) did not send the browser back to the client (HTTP ${done.status} at ${done.url.pathname})`);
}

function expectStep(landing: Landing & { kind: 'page' }, step: string, description: string): void {
  if (landing.step !== step) {
    throw new VippsLoginError(`Expected ${description} of Vipps (simulator), got HTTP ${landing.status} at ${landing.url.pathname}`);
  }
}

/** The pages post to `/interaction/<uid>/<action>`. */
function stepUrl(pageUrl: URL, action: string): URL {
  return new URL(`${pageUrl.pathname}/${action}`, pageUrl);
}

class LoginBrowser {
  readonly #jar: CookieJar;
  readonly #origin: string;
  readonly #redirectUri: URL;
  readonly #signal: AbortSignal | undefined;

  constructor(origin: string, redirectUri: URL, signal: AbortSignal | undefined) {
    this.#jar = new CookieJar(origin);
    this.#origin = origin;
    this.#redirectUri = redirectUri;
    this.#signal = signal;
  }

  get(url: URL): Promise<Landing> {
    return this.#navigate(url, null);
  }

  post(url: URL, form: Record<string, string>): Promise<Landing> {
    return this.#navigate(url, new URLSearchParams(form));
  }

  async #navigate(start: URL, form: URLSearchParams | null): Promise<Landing> {
    let url = start;
    let body = form;
    for (let hop = 0; hop <= maxRedirects; hop++) {
      if (this.#isCallback(url)) return { kind: 'callback', url };
      if (url.origin !== this.#origin) throw new VippsLoginError(`Vipps (simulator) redirected to another origin: ${url.origin}`);

      const headers = new Headers();
      const cookie = this.#jar.headerFor(url);
      if (cookie !== null) headers.set('cookie', cookie);
      if (body !== null) headers.set('content-type', 'application/x-www-form-urlencoded');
      const response = await fetch(url, {
        method: body === null ? 'GET' : 'POST',
        headers,
        body: body?.toString() ?? null,
        redirect: 'manual',
        signal: this.#signal ?? null,
      });
      this.#jar.store(url, response);

      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        url = new URL(location, url);
        body = null;
        continue;
      }
      const html = await response.text();
      return { kind: 'page', url, status: response.status, step: /data-step="([a-z]+)"/.exec(html)?.[1] ?? null };
    }
    throw new VippsLoginError(`Vipps (simulator) redirected more than ${maxRedirects} times`);
  }

  #isCallback(url: URL): boolean {
    return url.origin === this.#redirectUri.origin && url.pathname === this.#redirectUri.pathname;
  }
}
