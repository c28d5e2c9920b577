import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NodeHttpExecutor } from 'builder-util';
import { NsisUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import type { AppUpdaterEvents } from 'electron-updater/out/AppUpdater.js';
import { stringify } from 'yaml';

/**
 * An update feed on 127.0.0.1 as electron-builder publishes it for the `generic` provider
 * (`latest.yml` beside the installer), and an installed app whose real electron-updater
 * NsisUpdater reads it from Node. The thin test doubles are the AppAdapter (which Electron's
 * `app` fills in a packaged build) and the Node download executor (which Electron's `net` fills).
 */

/** What a release publishes. `servedBytes` models an upload that does not match its metadata. */
export interface Release {
  version: string;
  installer: Buffer;
  servedBytes?: Buffer;
  stagingPercentage?: number;
}

export interface UpdateFeed {
  url: string;
  /** Request paths, query strings dropped, in the order they came. */
  requests: string[];
  /** Replaces what the feed serves; null serves nothing, so latest.yml is a 404. */
  publish(release: Release | null): void;
  close(): Promise<void>;
}

export const installerName = (version: string) => `Member-Sync-Console-Setup-${version}.exe`;

/** Stand-in installer bytes, different for every version; they are only downloaded, never run. */
export const installerBytes = (version: string) => Buffer.from(`MZ stand-in installer for ${version}\n`.repeat(2048));

/** electron-builder writes sha512 in base64. */
const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

export async function startUpdateFeed(): Promise<UpdateFeed> {
  let files = new Map<string, Buffer>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    // The updater adds `?noCache=…` to the feed URL.
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(pathname);
    const body = files.get(pathname);
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-length': body.length }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/console`,
    requests,
    publish: (release) => {
      files = new Map();
      if (release === null) return;
      const name = installerName(release.version);
      const hash = sha512(release.installer);
      const latest = {
        version: release.version,
        files: [{ url: name, sha512: hash, size: release.installer.length }],
        path: name,
        sha512: hash,
        releaseDate: '2026-01-15T10:00:00.000Z',
        ...(release.stagingPercentage === undefined ? {} : { stagingPercentage: release.stagingPercentage }),
      };
      files.set('/console/latest.yml', Buffer.from(stringify(latest)));
      files.set(`/console/${name}`, release.servedBytes ?? release.installer);
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

type DownloadOptions = Parameters<NodeHttpExecutor['downloadToBuffer']>[1];

/**
 * builder-util's Node executor plus the `download()` electron-updater calls, in the shape of its
 * ElectronHttpExecutor.download: the inherited doDownload streams to the file and checks the
 * feed's sha512 exactly as in the app.
 */
class NodeDownloadExecutor extends NodeHttpExecutor {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const request = {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers: options.headers ?? {},
      };
      // On success doDownload passes on fs's close callback, which gives undefined rather than null.
      const callback = (error?: Error | null) => (error ? reject(error) : resolve(destination));
      this.doDownload(request, { destination, options, onCancel, callback, responseHandler: null }, 0);
    });
  }
}

/** Fields electron-updater keeps out of its .d.ts and sets in its own tests; both must be set before setFeedURL. */
interface UpdaterTestFields {
  httpExecutor: NodeDownloadExecutor;
  _testOnlyOptions: { platform: 'win32'; isUseDifferentialDownload: boolean };
}

export interface InstalledApp {
  updater: NsisUpdater;
  /** Every updater event by name, in order. */
  events: string[];
  /** How often the updater asked the app to quit or relaunch. */
  exits: () => number;
  /** Where a downloaded installer waits to be installed. */
  pendingDir: string;
  remove(): Promise<void>;
}

const UPDATER_EVENTS: Array<keyof AppUpdaterEvents> = [
  'error',
  'checking-for-update',
  'update-available',
  'update-not-available',
  'download-progress',
  'update-downloaded',
];
const CACHE_DIR_NAME = 'member-sync-console-updater';

/**
 * A packaged install at `version` with its own folders. `stagingUserId` is written to
 * userData/.updaterId, where electron-updater keeps the id that places this install in a staged
 * rollout; without it the updater draws a random one.
 */
export async function installApp(version: string, feedUrl: string, stagingUserId?: string): Promise<InstalledApp> {
  const root = await mkdtemp(path.join(tmpdir(), 'updater-feed-'));
  const userDataPath = path.join(root, 'userData');
  const appUpdateConfigPath = path.join(root, 'resources', 'app-update.yml');
  await mkdir(userDataPath, { recursive: true });
  await mkdir(path.dirname(appUpdateConfigPath), { recursive: true });
  // What electron-builder writes into resources/ from the `publish:` block.
  await writeFile(appUpdateConfigPath, stringify({ provider: 'generic', url: feedUrl, updaterCacheDirName: CACHE_DIR_NAME }));
  if (stagingUserId !== undefined) await writeFile(path.join(userDataPath, '.updaterId'), stagingUserId);

  let exits = 0;
  const app: AppAdapter = {
    version,
    name: 'Member Sync Console',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath,
    baseCachePath: path.join(root, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {
      exits++;
    },
    quit: () => {
      exits++;
    },
    // The quit that would run the installer never comes.
    onQuit: () => undefined,
  };
  const updater = new NsisUpdater(null, app);
  updater.logger = null;
  Object.assign(updater, {
    httpExecutor: new NodeDownloadExecutor(),
    _testOnlyOptions: { platform: 'win32', isUseDifferentialDownload: false },
  } satisfies UpdaterTestFields);
  updater.setFeedURL({ provider: 'generic', url: feedUrl });
  updater.updateConfigPath = appUpdateConfigPath;

  const events: string[] = [];
  for (const name of UPDATER_EVENTS) updater.on(name, () => events.push(name));
  return {
    updater,
    events,
    exits: () => exits,
    pendingDir: path.join(app.baseCachePath, CACHE_DIR_NAME, 'pending'),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
