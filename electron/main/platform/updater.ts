import electronUpdater from 'electron-updater';

/**
 * Installs are auto-updated from the feed in electron-builder.yml. Checks happen only in a
 * packaged build; a failed check is logged, never shown as a crash.
 */
export function startAutoUpdates(isPackaged: boolean, log: (message: string, error?: unknown) => void): void {
  if (!isPackaged) return;
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('error', (error) => log('Update check failed', error));
  autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => log('Update check failed', error));
}
