/**
 * Auto-update end to end, without Electron: Electron's binary cannot run on this machine, so this
 * runs electron-updater's real NsisUpdater in Node against an update feed on 127.0.0.1.
 *
 * Real: electron-updater's updater class (the version comparison, the downgrade guard, the staged
 * rollout and its per-install id, the download cache, the events), the generic provider's feed
 * parsing of latest.yml, the sha512 verification of the download (builder-util-runtime's
 * doDownload, as in the app), and the project's policy in electron/main/platform/updater.ts.
 * The thin test double (tests/support/updater-feed.ts): the AppAdapter, which gives the version,
 * isPackaged and temp folders that Electron's `app` gives in a packaged build, and a Node http
 * executor in place of the one over Electron's `net`. The installer is never run.
 *
 * NsisUpdater comes from the package's main entry: it loads `electron` only in the `autoUpdater`
 * getter and in the Electron adapter and executor, which passing our own adapter avoids. The first
 * test holds that true, so no deep import such as 'electron-updater/out/NsisUpdater.js' is needed.
 */
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { UpdateDownloadedEvent } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAutoUpdates } from '../../electron/main/platform/updater.ts';
import { installApp, installerBytes, installerName, startUpdateFeed, type InstalledApp, type UpdateFeed } from '../support/updater-feed.ts';

/**
 * A staging id whose bytes 12–15 are 0x80000000. electron-updater offers a staged release when
 * that word / 0xffffffff is below stagingPercentage / 100, so this install sits just above 50%.
 */
const MIDPOINT_STAGING_ID = '3f2504e0-4f89-51d3-9a0c-030580000000';

let feed: UpdateFeed;
const installs: InstalledApp[] = [];

beforeEach(async () => {
  feed = await startUpdateFeed();
});

afterEach(async () => {
  await feed.close();
  await Promise.all(installs.splice(0).map((install) => install.remove()));
});

async function install(version: string, stagingUserId?: string): Promise<InstalledApp> {
  const app = await installApp(version, feed.url, stagingUserId);
  installs.push(app);
  return app;
}

const release = { version: '0.2.0', installer: installerBytes('0.2.0') };
const installerPath = `/console/${installerName('0.2.0')}`;

describe('electron-updater against a generic feed', () => {
  it('loads without Electron', () => {
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.some((file) => file.includes(`${path.sep}electron-updater${path.sep}`))).toBe(true);
    expect(loaded.filter((file) => file.includes(`node_modules${path.sep}electron${path.sep}`))).toEqual([]);
  });

  it('finds 0.2.0 from 0.1.0, downloads it and verifies the bytes', async () => {
    feed.publish(release);
    const { updater, events } = await install('0.1.0');
    const downloaded = once(updater, 'update-downloaded');

    const result = await updater.checkForUpdates();
    expect(result).toMatchObject({ isUpdateAvailable: true, updateInfo: { version: '0.2.0' } });
    await result?.downloadPromise;
    const [event] = (await downloaded) as [UpdateDownloadedEvent];

    expect(event.version).toBe('0.2.0');
    expect(readFileSync(event.downloadedFile).equals(release.installer)).toBe(true);
    expect(events.filter((name) => name !== 'download-progress')).toEqual(['checking-for-update', 'update-available', 'update-downloaded']);
    expect(feed.requests.filter((request) => request === installerPath)).toHaveLength(1);
  });

  it('finds nothing when the app is already at 0.2.0', async () => {
    feed.publish(release);
    const { updater, events } = await install('0.2.0');

    const result = await updater.checkForUpdates();

    expect(result).toMatchObject({ isUpdateAvailable: false, updateInfo: { version: '0.2.0' } });
    expect(events).toEqual(['checking-for-update', 'update-not-available']);
    expect(feed.requests).not.toContain(installerPath);
  });

  it('refuses an installer whose bytes do not match the sha512 in latest.yml', async () => {
    const tampered = Buffer.from(release.installer);
    tampered[100] = (tampered[100] ?? 0) ^ 0xff;
    feed.publish({ ...release, servedBytes: tampered });
    const { updater, events, pendingDir } = await install('0.1.0');

    const result = await updater.checkForUpdates();

    await expect(result?.downloadPromise).rejects.toMatchObject({ code: 'ERR_CHECKSUM_MISMATCH' });
    expect(events).toContain('error');
    expect(events).not.toContain('update-downloaded');
    expect(existsSync(path.join(pendingDir, installerName('0.2.0')))).toBe(false);
  });

  // The install's staging id is pinned in userData/.updaterId (see MIDPOINT_STAGING_ID), so which
  // side of the rollout it falls on is known rather than drawn at random.
  it.each([
    { rollout: '0%', stagingPercentage: 0, offered: false },
    { rollout: '50%', stagingPercentage: 50, offered: false },
    { rollout: '51%', stagingPercentage: 51, offered: true },
    { rollout: '100%', stagingPercentage: 100, offered: true },
  ])('a release staged to $rollout is offered to an install at the midpoint: $offered', async ({ stagingPercentage, offered }) => {
    feed.publish({ ...release, stagingPercentage });
    const { updater } = await install('0.1.0', MIDPOINT_STAGING_ID);

    const result = await updater.checkForUpdates();
    await result?.downloadPromise;

    expect(result?.isUpdateAvailable).toBe(offered);
    expect(feed.requests.includes(installerPath)).toBe(offered);
  });

  it('reports a missing feed (404) as an error, not a crash', async () => {
    feed.publish(null);
    const { updater, events } = await install('0.1.0');

    await expect(updater.checkForUpdates()).rejects.toMatchObject({ code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' });
    expect(events).toEqual(['checking-for-update', 'error']);
  });

  it('does not offer an older version than the one installed', async () => {
    feed.publish(release);
    const { updater, events } = await install('0.3.0');
    expect(updater.allowDowngrade).toBe(false);

    const result = await updater.checkForUpdates();

    expect(result).toMatchObject({ isUpdateAvailable: false, updateInfo: { version: '0.2.0' } });
    expect(events).toEqual(['checking-for-update', 'update-not-available']);
    expect(feed.requests).not.toContain(installerPath);
  });
});

describe("the console's update policy over the real updater", () => {
  it('has 0.2.0 ready to install after the background download', async () => {
    feed.publish(release);
    const { updater, exits } = await install('0.1.0');
    // Stubbed on this instance only: the real quitAndInstall would spawn the downloaded
    // "installer" and quit. The stub proves the admin's click reaches it.
    const quitAndInstall = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => undefined);
    const log = vi.fn();
    const downloaded = once(updater, 'update-downloaded');

    const tracker = startAutoUpdates(updater, true, log);
    expect(tracker.status()).toEqual({ state: 'none', version: null });
    await downloaded;

    expect(tracker.status()).toEqual({ state: 'ready', version: '0.2.0' });
    expect(tracker.restartToInstall()).toBe(true);
    expect(quitAndInstall).toHaveBeenCalledOnce();
    expect(exits()).toBe(0);
    expect(log).not.toHaveBeenCalled();
    tracker.stop();
  });

  it('logs a missing feed and stays without an update', async () => {
    feed.publish(null);
    const { updater } = await install('0.1.0');
    const failures: Array<[string, unknown]> = [];
    let bothLogged: () => void = () => undefined;
    const logged = new Promise<void>((resolve) => {
      bothLogged = resolve;
    });

    // Logged twice: once from the updater's 'error' event, once from the rejected check.
    const tracker = startAutoUpdates(updater, true, (message, error) => {
      failures.push([message, error]);
      if (failures.length === 2) bothLogged();
    });
    await logged;

    const missingFeed = expect.objectContaining({ code: 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND' });
    expect(failures).toEqual([
      ['Update check failed', missingFeed],
      ['Update check failed', missingFeed],
    ]);
    expect(tracker.status()).toEqual({ state: 'none', version: null });
    tracker.stop();
  });
});
