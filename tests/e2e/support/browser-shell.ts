import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Page } from '@playwright/test';
import type { BridgeResult, ConsoleBridge } from '../../../shared/contract/bridge.ts';

/** The origin the built renderer is served at inside the browser; nothing listens on it. */
export const RENDERER_ORIGIN = 'http://console.localhost';
const RENDERER_DIR = join(import.meta.dirname, '../../../out/renderer');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Test double for what cannot run here, the Electron shell: the built renderer is served from
 * out/renderer, and `window.consoleBridge` has the preload's exact shape, but `call` reaches the
 * host through page.exposeBinding instead of ipcRenderer.invoke.
 */
export async function openInBrowserShell(
  page: Page,
  dispatch: (operation: unknown, input: unknown) => Promise<BridgeResult>,
  language: 'nb' | 'en',
): Promise<void> {
  await page.route(`${RENDERER_ORIGIN}/**`, async (route) => {
    const pathname = new URL(route.request().url()).pathname;
    const file = normalize(join(RENDERER_DIR, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(RENDERER_DIR + sep)) return route.fulfill({ status: 403 });
    try {
      const body = await readFile(file);
      return route.fulfill({ status: 200, body, contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    } catch {
      return route.fulfill({ status: 404 });
    }
  });
  // Anything else the page asks for would be a leak: the renderer needs no network.
  await page.route(
    (url) => !url.href.startsWith(RENDERER_ORIGIN),
    (route) => route.abort(),
  );
  await page.exposeBinding('__consoleBridgeInvoke', (_source, operation: unknown, input: unknown) => dispatch(operation, input));
  await page.addInitScript(() => {
    const invoke = (window as unknown as { __consoleBridgeInvoke: ConsoleBridge['call'] }).__consoleBridgeInvoke;
    const bridge = { call: (operation: string, input: unknown) => invoke(operation, input) } satisfies ConsoleBridge;
    Object.defineProperty(window, 'consoleBridge', { value: Object.freeze(bridge), enumerable: false });
  });
  // The admin's remembered language choice, as the console stores it; a choice made in the
  // console since then wins on a reload.
  await page.addInitScript((choice) => {
    if (window.localStorage.getItem('msc.language') === null) window.localStorage.setItem('msc.language', choice);
  }, language);
  await page.goto(`${RENDERER_ORIGIN}/index.html`);
}
