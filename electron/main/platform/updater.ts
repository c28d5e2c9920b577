/**
 * Installs are auto-updated from the feed in electron-builder.yml. The updater sits behind this
 * port so the policy below runs in Node tests; electron-updater implements it in the app.
 */
export interface AutoUpdater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
}

/** What the console shows: nothing, or "update ready, restart to install". */
export interface UpdateStatus {
  state: 'none' | 'ready';
  /** The version waiting to be installed. */
  version: string | null;
}

export interface UpdateTracker {
  status(): UpdateStatus;
  /** Restarts into the downloaded update; false when none is ready. Only the admin's click calls it. */
  restartToInstall(): boolean;
  stop(): void;
}

/** A running install looks for a newer one this often, besides at start. */
const RECHECK_MS = 6 * 60 * 60 * 1000;

/**
 * Only a packaged build checks. Updates are downloaded in the background and installed when the
 * console quits, or when the admin chooses "restart to install": never forced, so never in the
 * middle of a sync. A failed check is logged, never shown as a crash, and tried again later.
 */
export function startAutoUpdates(updater: AutoUpdater, isPackaged: boolean, log: (message: string, error?: unknown) => void): UpdateTracker {
  let ready: string | null = null;
  if (!isPackaged) return { status: () => ({ state: 'none', version: null }), restartToInstall: () => false, stop: () => undefined };
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.on('error', (error) => log('Update check failed', error));
  updater.on('update-downloaded', (info) => {
    ready = info.version;
  });
  const check = () => {
    updater.checkForUpdates().catch((error: unknown) => log('Update check failed', error));
  };
  check();
  const timer = setInterval(check, RECHECK_MS);
  timer.unref?.();
  return {
    status: () => ({ state: ready === null ? 'none' : 'ready', version: ready }),
    restartToInstall: () => {
      if (ready === null) return false;
      updater.quitAndInstall();
      return true;
    },
    stop: () => clearInterval(timer),
  };
}
