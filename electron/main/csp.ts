/**
 * The renderer's Content-Security-Policy. Nothing remote, no inline script, no eval; the
 * renderer reaches the backend only over the preload bridge, so it needs no network at all.
 * renderer/index.html carries the same policy as a meta tag (checked by a unit test).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
