import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAutoUpdates, type AutoUpdater } from '../../electron/main/platform/updater.ts';

/**
 * The update policy against a test double of electron-updater's updater: an EventEmitter with the
 * port's two switches and spies for checking and installing, so each rule can be driven on its
 * own. tests/unit/updater-feed.test.ts runs the same policy over the real updater and a feed.
 */
class FakeUpdater extends EventEmitter implements AutoUpdater {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  readonly checkForUpdates = vi.fn<() => Promise<unknown>>(async () => null);
  readonly quitAndInstall = vi.fn<() => void>();
}

const SIX_HOURS = 6 * 60 * 60 * 1000;
const noLog = () => undefined;

/** Lets the policy's `.catch` on each check run: it was attached before this, so it runs first. */
const checksSettled = (updater: FakeUpdater) => Promise.allSettled(updater.checkForUpdates.mock.results.map((result) => result.value));

afterEach(() => {
  vi.useRealTimers();
});

describe('auto updates', () => {
  it('do nothing in an unpackaged build', () => {
    const updater = new FakeUpdater();
    const tracker = startAutoUpdates(updater, false, noLog);
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false });
    expect(updater.eventNames()).toEqual([]);
    expect(tracker.status()).toEqual({ state: 'none', version: null });
    expect(tracker.restartToInstall()).toBe(false);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('download in the background and install on quit in a packaged build', () => {
    const updater = new FakeUpdater();
    const tracker = startAutoUpdates(updater, true, noLog);
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    expect(updater.checkForUpdates).toHaveBeenCalledOnce();
    expect(tracker.status()).toEqual({ state: 'none', version: null });
    tracker.stop();
  });

  it('report a downloaded update as ready, with its version', () => {
    const updater = new FakeUpdater();
    const tracker = startAutoUpdates(updater, true, noLog);
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(tracker.status()).toEqual({ state: 'ready', version: '0.2.0' });
    tracker.stop();
  });

  it('restart to install only once an update is ready', () => {
    const updater = new FakeUpdater();
    const tracker = startAutoUpdates(updater, true, noLog);
    expect(tracker.restartToInstall()).toBe(false);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();

    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(tracker.restartToInstall()).toBe(true);
    expect(updater.quitAndInstall).toHaveBeenCalledOnce();
    tracker.stop();
  });

  it('log a failed check or a later update error instead of crashing', async () => {
    const log = vi.fn();
    const updater = new FakeUpdater();
    const unreachable = new Error('ENOTFOUND updates.membersync.invalid');
    updater.checkForUpdates.mockRejectedValueOnce(unreachable);
    const tracker = startAutoUpdates(updater, true, log);
    await checksSettled(updater);
    const mismatch = new Error('sha512 checksum mismatch');
    updater.emit('error', mismatch);
    expect(log.mock.calls).toEqual([
      ['Update check failed', unreachable],
      ['Update check failed', mismatch],
    ]);
    expect(tracker.status()).toEqual({ state: 'none', version: null });
    tracker.stop();
  });

  it('check again every six hours, also after a failed check, until stopped', async () => {
    vi.useFakeTimers();
    const log = vi.fn();
    const updater = new FakeUpdater();
    updater.checkForUpdates.mockRejectedValueOnce(new Error('ECONNRESET'));
    const tracker = startAutoUpdates(updater, true, log);
    await checksSettled(updater);
    expect(log).toHaveBeenCalledOnce();

    vi.advanceTimersByTime(SIX_HOURS - 1);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);

    tracker.stop();
    vi.advanceTimersByTime(3 * SIX_HOURS);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });
});
