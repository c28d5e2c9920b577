import { test, expect } from './support/fixtures.ts';
import { expectAccessible } from './support/checks.ts';

test('the renderer sees only the narrow bridge, and the CSP blocks injected script', async ({ consoleApp }) => {
  const { page } = consoleApp;
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const exposure = await page.evaluate(() => {
    const bridge = (window as unknown as { consoleBridge: object }).consoleBridge;
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    return {
      bridgeKeys: Object.keys(bridge),
      hasRequire: 'require' in window,
      hasProcess: 'process' in window,
      hasIpcRenderer: 'ipcRenderer' in window,
      injectedRan: (window as unknown as { __injected?: boolean }).__injected === true,
    };
  });
  expect(exposure).toEqual({ bridgeKeys: ['call'], hasRequire: false, hasProcess: false, hasIpcRenderer: false, injectedRan: false });
  await expectAccessible(page, 'first start');
});

test('invalid input and unknown operations come back as typed errors without internals', async ({ consoleApp }) => {
  const { page } = consoleApp;
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const [badInput, unknownOperation] = await page.evaluate(async () => {
    const bridge = (window as unknown as { consoleBridge: { call(op: string, input: unknown): Promise<unknown> } }).consoleBridge;
    return [await bridge.call('sync.start', { integrationId: "x'; drop table sync.members; --" }), await bridge.call('members.dump', {})];
  });
  expect(badInput).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'integrationId' }] } });
  expect(JSON.stringify(badInput)).not.toMatch(/select|insert|stack|at \w+ \(/i);
  expect(unknownOperation).toMatchObject({ ok: false, error: { code: 'not_found' } });
  // Refused calls made behind the console's back leave the screen as it was, and as accessible.
  await expectAccessible(page, 'after refused bridge calls');
});
