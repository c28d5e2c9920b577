/**
 * Installs are auto-updated from the feed in electron-builder.yml. The updater sits behind this
 * port so the policy below runs in Node tests; electron-updater implements it in the app.
 */
export interface AutoUpdater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

/** Checks only in a packaged build; a failed check is logged, never shown as a crash. */
export async function startAutoUpdates(updater: AutoUpdater, isPackaged: boolean, log: (message: string, error?: unknown) => void): Promise<void> {
  if (!isPackaged) return;
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.on('error', (error) => log('Update check failed', error));
  try {
    await updater.checkForUpdatesAndNotify();
  } catch (error) {
    log('Update check failed', error);
  }
}
