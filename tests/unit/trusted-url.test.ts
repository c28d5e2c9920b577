import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl } from '../../electron/main/trusted-url.ts';

const packaged = { rendererFileUrl: 'file:///opt/console/resources/app.asar/out/renderer/index.html' };
const dev = { ...packaged, devServerUrl: 'http://localhost:5173/' };

describe('isTrustedRendererUrl', () => {
  it('accepts our own renderer', () => {
    expect(isTrustedRendererUrl('file:///opt/console/resources/app.asar/out/renderer/index.html', packaged)).toBe(true);
    expect(isTrustedRendererUrl('file:///opt/console/resources/app.asar/out/renderer/index.html#/health', packaged)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/some/route', dev)).toBe(true);
  });

  it.each([
    'https://evil.example/?next=file:///opt/console/resources/app.asar/out/renderer/index.html',
    'file:///opt/console/resources/app.asar/out/renderer/index.html.evil',
    'file:///tmp/index.html',
    'file://attacker-host/opt/console/resources/app.asar/out/renderer/index.html',
    'http://localhost:5173/',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    '',
    'not a url',
  ])('rejects %s in a packaged build', (url) => {
    expect(isTrustedRendererUrl(url, packaged)).toBe(false);
  });

  it.each(['http://localhost:5174/', 'http://localhost.evil.example:5173/', 'http://user:pw@localhost:5173/', 'https://localhost:5173/'])(
    'rejects %s even with a dev server',
    (url) => {
      expect(isTrustedRendererUrl(url, dev)).toBe(false);
    },
  );

  it('rejects a missing sender URL', () => {
    expect(isTrustedRendererUrl(undefined, packaged)).toBe(false);
    expect(isTrustedRendererUrl(null, packaged)).toBe(false);
  });
});
