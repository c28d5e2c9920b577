import { describe, expect, it, vi } from 'vitest';
import { startAutoUpdates, type AutoUpdater } from '../../electron/main/platform/updater.ts';

/** Test double for electron-updater, which needs the Electron binary. */
function fakeUpdater(check: () => Promise<unknown>) {
  const listeners: Array<(error: Error) => void> = [];
  const updater: AutoUpdater & { fire(error: Error): void } = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    on: (_event, listener) => listeners.push(listener),
    checkForUpdatesAndNotify: vi.fn(check),
    fire: (error) => listeners.forEach((listener) => listener(error)),
  };
  return updater;
}

describe('auto updates', () => {
  it('do nothing in an unpackaged build', async () => {
    const updater = fakeUpdater(async () => null);
    await startAutoUpdates(updater, false, () => undefined);
    expect(updater.checkForUpdatesAndNotify).not.toHaveBeenCalled();
  });

  it('download and install on quit in a packaged build', async () => {
    const updater = fakeUpdater(async () => null);
    await startAutoUpdates(updater, true, () => undefined);
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledOnce();
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
  });

  it('log a failed check or a later update error instead of crashing', async () => {
    const log = vi.fn();
    const updater = fakeUpdater(async () => {
      throw new Error('ENOTFOUND updates.membersync.invalid');
    });
    await expect(startAutoUpdates(updater, true, log)).resolves.toBeUndefined();
    updater.fire(new Error('signature mismatch'));
    expect(log.mock.calls.map(([message]) => message)).toEqual(['Update check failed', 'Update check failed']);
  });
});
