/**
 * Decides whether a URL is our own renderer, by parsing, never by substring: the packaged
 * index.html as a file: URL, or the exact dev-server origin when running `electron-vite dev`.
 */
export interface TrustedOrigins {
  rendererFileUrl: string;
  devServerUrl?: string | undefined;
}

export function isTrustedRendererUrl(candidate: string | undefined | null, trusted: TrustedOrigins): boolean {
  if (!candidate) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'file:') {
    const expected = new URL(trusted.rendererFileUrl);
    return url.host === '' && url.pathname === expected.pathname;
  }
  if (trusted.devServerUrl) {
    const dev = new URL(trusted.devServerUrl);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === dev.origin;
  }
  return false;
}
