import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { isTrustedRendererUrl, type TrustedOrigins } from './trusted-url.ts';

/**
 * One place for the shell's security: every web contents may not navigate away, may not open
 * windows, may not attach webviews, and every permission request is denied. Installed before
 * any window exists.
 */
export function installSecurity(trusted: TrustedOrigins): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedRendererUrl(url, trusted)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedRendererUrl(url, trusted)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // The console never needs a second window; links to the outside world are not followed.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.whenReady().then(
    () => {
      const defaultSession = session.defaultSession;
      // The console uses no camera, microphone, notifications, geolocation or clipboard-read.
      defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      defaultSession.setPermissionCheckHandler(() => false);
      defaultSession.webRequest.onHeadersReceived((details, callback) => {
        callback({
          responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
        });
      });
    },
    (error: unknown) => console.error('Security set-up failed', error),
  );
}
