import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, type BrowserWindow } from 'electron';
import { z } from 'zod';
import { installSecurity } from './security.ts';
import { createMainWindow } from './window.ts';
import { registerIpc } from './ipc.ts';
import { startEmbeddedHost } from './host/embedded-host.ts';
import { loadOrCreateCredentialKey } from './platform/credential-key.ts';
import { createSafeStorageVault } from './platform/safe-storage-vault.ts';
import { createElectronSettingsStore } from './platform/electron-settings-store.ts';
import { startAutoUpdates } from './platform/updater.ts';
import { electronAutoUpdater } from './platform/electron-auto-updater.ts';
import { installE2eHooks } from './e2e-hooks.ts';
import { createConsoleShell, type ConsoleShell } from './console-shell.ts';
import { createRemoteHost } from './remote/remote-host.ts';
import { readManagedConfig } from './remote/managed-config.ts';
import { describeError } from '../../backend/logging/describe-error.ts';

const log = (message: string, error?: unknown) => console.error(`[main] ${message}${error === undefined ? '' : `: ${describeError(error)}`}`);
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
// The dev server is trusted only in development; a packaged build ignores the variable.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const trusted = { rendererFileUrl: pathToFileURL(rendererFile).href, devServerUrl };
let shell: ConsoleShell | null = null;
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
    const store = createElectronSettingsStore();
    const vault = createSafeStorageVault();
    const key = loadOrCreateCredentialKey(vault, store);
    if (!key.persisted) log('OS keychain unavailable or weak: credentials and the sign-in are kept for this session only');
    // A managed install names its project in a file beside the program, where only whoever
    // installs it may write (MSC_PROJECT_FILE points elsewhere); the e2e build always runs the demo.
    const managed = readManagedConfig(process.env['MSC_PROJECT_FILE'] ?? join(dirname(app.getPath('exe')), 'console-project.json'));
    if (managed.problem) log(managed.problem);
    const updates = startAutoUpdates(electronAutoUpdater(), app.isPackaged, log);
    const activeShell = createConsoleShell({
      store,
      vault,
      managed: e2e ? { kind: 'demo' } : managed.connection,
      managedProblem: e2e ? null : managed.problem,
      // `npm start` opens the demo straight away; an installed console asks on its first start.
      fallback: !app.isPackaged && process.env['MSC_START_IN_DEMO'] === '1' ? { kind: 'demo' } : null,
      startEmbedded: async () => {
        const host = await startEmbeddedHost({
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
        return host;
      },
      createRemote: (options) => createRemoteHost(options),
      updates,
      log,
    });
    shell = activeShell;
    registerIpc((operation, input) => activeShell.dispatch(operation, input), trusted);
    // A console that works in the demo starts it now, before its window asks.
    await activeShell.warmUp();
    const window = createMainWindow({ preloadPath: join(import.meta.dirname, '../preload/index.cjs') });
    mainWindow = window;
    window.on('closed', () => {
      mainWindow = null;
    });
    await (devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(rendererFile));
  })
  .catch((error: unknown) => {
    log('Start-up failed', error);
    app.exit(1);
  });

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!shell) return;
  event.preventDefault();
  const closing = shell;
  shell = null;
  closing.close().finally(() => app.quit());
});
