import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download cannot run on these machines.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const browserUse = {
  viewport: { width: 1280, height: 860 },
  // A Norwegian workstation: native controls (date fields) follow the browser's locale.
  locale: 'nb-NO',
  timezoneId: 'Europe/Oslo',
  launchOptions: { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: chromiumArgs },
};

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  projects: [
    {
      // The built renderer in Chromium; the test process hosts the real main-process router,
      // and page.exposeBinding stands in for ipcRenderer.invoke behind the same bridge shape.
      name: 'browser',
      use: browserUse,
      metadata: { shell: 'browser', host: 'embedded' },
      // Signing in to a Supabase project exists only on the remote host.
      testIgnore: ['sign-in.spec.ts'],
    },
    {
      // The same specs on the remote host: the console signs in to a Supabase project and every
      // call goes through admin-api under Deno, against PostgreSQL (DATABASE_URL).
      name: 'browser-remote',
      use: browserUse,
      metadata: { shell: 'browser', host: 'remote' },
      // The demo's first start exists only in the embedded host.
      testIgnore: ['first-start-demo.spec.ts'],
    },
    {
      // The same specs against the packaged Electron app, where an Electron binary exists.
      name: 'electron',
      metadata: { shell: 'electron' },
    },
  ],
});
