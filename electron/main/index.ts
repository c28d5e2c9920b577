import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, type BrowserWindow } from 'electron';
import { z } from 'zod';
import { installSecurity } from './security.ts';
import { createMainWindow } from './window.ts';
import { registerIpc } from './ipc.ts';
import { startEmbeddedHost, type EmbeddedHost } from './host/embedded-host.ts';
import { loadOrCreateCredentialKey } from './platform/credential-key.ts';
import { createSafeStorageVault } from './platform/safe-storage-vault.ts';
import { createElectronSettingsStore } from './platform/electron-settings-store.ts';
import { startAutoUpdates } from './platform/updater.ts';
import { electronAutoUpdater } from './platform/electron-auto-updater.ts';
import { installE2eHooks } from './e2e-hooks.ts';
import { describeError } from '../../backend/logging/describe-error.ts';

const log = (message: string, error?: unknown) => console.error(`[main] ${message}${error === undefined ? '' : `: ${describeError(error)}`}`);
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
// The dev server is trusted only in development; a packaged build ignores the variable.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const trusted = { rendererFileUrl: pathToFileURL(rendererFile).href, devServerUrl };
let host: EmbeddedHost | null = null;
// How many members the demo's simulated registry holds; environment input is parsed, not trusted.
const demoMemberCount = z.coerce
  .number()
  .int()
  .min(1)
  .max(1_000_000)
  .catch(8_000)
  .parse(process.env['MSC_DEMO_MEMBERS'] ?? 8_000);
const e2e = process.env['MSC_E2E_HOOKS'] === '1' && !app.isPackaged;

// Tests give every run its own data folder, as a real second profile would have.
const userDataOverride = process.env['MSC_USER_DATA_DIR'];
if (userDataOverride && !app.isPackaged) app.setPath('userData', userDataOverride);

// One instance per user: two processes must never open the same embedded database.
if (!app.requestSingleInstanceLock()) app.exit(0);
let mainWindow: BrowserWindow | null = null;
app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

installSecurity(trusted);

app
  .whenReady()
  .then(async () => {
    const key = loadOrCreateCredentialKey(createSafeStorageVault(), createElectronSettingsStore());
    if (!key.persisted) log('OS keychain unavailable or weak: credentials are kept for this session only');
    host = await startEmbeddedHost({
      dataDir: join(app.getPath('userData'), 'embedded-db'),
      credentialKey: key,
      migrationsDir: join(app.getAppPath(), 'supabase/migrations'),
      shimDir: join(app.getAppPath(), 'supabase/platform-shim'),
      cornerstone: { memberCount: demoMemberCount },
      consio: { memberCount: Math.max(500, Math.round(demoMemberCount / 3)) },
      // The registries change a few members every 20 s, so webhooks and deltas visibly arrive.
      registryActivityMs: 20_000,
      // A member logs in with Vipps every 6 s, so the enrichment statistics move while you watch.
      ...(e2e ? {} : { vippsLoginEveryMs: 6_000 }),
      // A fresh Cornerstone and Consio registry that no organization uses yet, to practise onboarding on.
      onboardingMembers: 600,
      log: (line) => console.error(`[main] ${line}`),
    });
    if (e2e) installE2eHooks(host);
    const activeHost = host;
    registerIpc((operation, input) => activeHost.dispatch(operation, input), trusted);
    const window = createMainWindow({ preloadPath: join(import.meta.dirname, '../preload/index.cjs') });
    mainWindow = window;
    window.on('closed', () => {
      mainWindow = null;
    });
    await (devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(rendererFile));
    await startAutoUpdates(electronAutoUpdater(), app.isPackaged, log);
  })
  .catch((error: unknown) => {
    log('Start-up failed', error);
    app.exit(1);
  });

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!host) return;
  event.preventDefault();
  const closing = host;
  host = null;
  closing.close().finally(() => app.quit());
});
