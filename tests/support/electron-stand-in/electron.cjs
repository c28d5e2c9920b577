'use strict';
/**
 * A STAND-IN for the `electron` module: Electron's binary cannot run on these machines, so
 * tests/main/built-main.test.ts loads the built main process (out/main/index.js) in plain Node
 * with this in Electron's place. It is not Electron and simulates none of Chromium: it gives the
 * main process the few objects it uses (app, BrowserWindow, ipcMain, safeStorage, session, and
 * what electron-store and electron-updater touch), records what the main process asks of them,
 * and reports that to the test over the child-process channel. The test drives it back the same
 * way: call the IPC handler as the renderer would, navigate, ask a permission, quit.
 */
const { EventEmitter } = require('node:events');
const { existsSync, readFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const appPath = process.env.STAND_IN_APP_PATH;
const userData = process.env.STAND_IN_USER_DATA;
if (!appPath || !userData) throw new Error('The Electron stand-in needs STAND_IN_APP_PATH and STAND_IN_USER_DATA');

// Nothing is reported once the stand-in has let go of the channel (after quit).
const report = (message) => (process.connected ? process.send?.(message) : undefined);
// Electron 45's main process runs Node 22, which has a global WebSocket (supabase-js's realtime
// client needs one); the tests' Node 20 has none, so the stand-in gives it `ws`, as Electron would.
globalThis.WebSocket ??= require('ws');
// As in Electron's main process; electron-store reads it, electron-updater reads resourcesPath.
process.type = 'browser';
process.resourcesPath = path.dirname(appPath);

/** An event the listener may cancel, as Electron's are. */
const cancellable = () => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
});

class App extends EventEmitter {
  isPackaged = process.env.STAND_IN_PACKAGED === '1';
  name = 'Member Sync Console';
  #paths = {
    userData,
    appData: path.dirname(userData),
    temp: os.tmpdir(),
    home: os.homedir(),
    logs: path.join(userData, 'logs'),
    // Where an installed program's executable would be: beside the packaged app's folder.
    exe: path.join(path.dirname(appPath), 'member-sync-console'),
  };
  #ready = false;
  #readyPromise = new Promise((resolve) => {
    // Electron is ready once the main script has run its first turn.
    setImmediate(() => {
      this.#ready = true;
      this.emit('ready');
      resolve();
    });
  });

  whenReady() {
    return this.#readyPromise;
  }
  isReady() {
    return this.#ready;
  }
  getAppPath() {
    return appPath;
  }
  getPath(name) {
    if (!(name in this.#paths)) throw new Error(`The Electron stand-in knows no path named ${name}`);
    return this.#paths[name];
  }
  setPath(name, value) {
    this.#paths[name] = value;
  }
  getVersion() {
    return JSON.parse(readFileSync(path.join(appPath, 'package.json'), 'utf8')).version;
  }
  getName() {
    return this.name;
  }
  requestSingleInstanceLock() {
    return true;
  }
  /** Electron's order: before-quit, close every window, will-quit (cancellable), quit. */
  quit() {
    const before = cancellable();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    for (const window of [...windows]) window.close();
    const willQuit = cancellable();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.emit('quit', cancellable(), 0);
    report({ type: 'quit' });
    // Electron would now end the process. The stand-in lets go of the test's channel instead, so
    // the process ends only when the app itself holds nothing more: a clean quit leaves no
    // server, timer or database open.
    process.disconnect?.();
  }
  exit(code = 0) {
    report({ type: 'exit', code });
    process.exit(code);
  }
}

const app = new App();
const windows = [];
const ipcHandlers = new Map();

class WebContents extends EventEmitter {
  windowOpenHandler = null;
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = options;
    this.url = null;
    this.webContents = new WebContents();
    windows.push(this);
    // An open window keeps Electron running; here a timer stands for it, until the window closes.
    this.keepAlive = setInterval(() => undefined, 60_000);
    app.emit('web-contents-created', cancellable(), this.webContents);
    const preload = options.webPreferences?.preload ?? null;
    report({ type: 'window', webPreferences: options.webPreferences ?? {}, preloadExists: preload !== null && existsSync(preload) });
  }
  async loadFile(file) {
    const exists = existsSync(file);
    report({ type: 'load', file, exists });
    if (!exists) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${pathToFileURL(file).href}'`);
    this.url = pathToFileURL(file).href;
    this.emit('ready-to-show');
  }
  async loadURL(url) {
    report({ type: 'load', url, exists: false });
    this.url = url;
    this.emit('ready-to-show');
  }
  show() {
    report({ type: 'show' });
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  close() {
    const index = windows.indexOf(this);
    if (index >= 0) windows.splice(index, 1);
    clearInterval(this.keepAlive);
    this.emit('closed');
  }
}

const ipcMain = Object.assign(new EventEmitter(), {
  handle(channel, handler) {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, handler);
    report({ type: 'ipc-handle', channel });
  },
  removeHandler(channel) {
    ipcHandlers.delete(channel);
  },
});

const SEALED = 'stand-in-sealed:';
/** Not encryption: a marker the test can tell from plain text. The real safeStorage is the OS keychain. */
const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (plain) => Buffer.from(SEALED + Buffer.from(plain, 'utf8').toString('base64')),
  decryptString: (sealed) => {
    const text = sealed.toString('utf8');
    if (!text.startsWith(SEALED)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice(SEALED.length), 'base64').toString('utf8');
  },
};

const security = { permissionRequest: null, permissionCheck: null, headersReceived: null };
const defaultSession = {
  setPermissionRequestHandler: (handler) => (security.permissionRequest = handler),
  setPermissionCheckHandler: (handler) => (security.permissionCheck = handler),
  webRequest: { onHeadersReceived: (listener) => (security.headersReceived = listener) },
};
const session = { defaultSession, fromPartition: () => defaultSession };

// What electron-updater reaches for; the stand-in has no network and no native updater.
const net = {
  request() {
    throw new Error('The Electron stand-in has no network');
  },
};
const autoUpdater = new EventEmitter();
class Notification {
  show() {}
}
const shell = { openPath: async () => '', openExternal: async () => undefined };

/** The test's commands, each answered with a message carrying its id. */
async function command(message) {
  const [window] = windows;
  switch (message.type) {
    case 'invoke': {
      const handler = ipcHandlers.get(message.channel);
      if (!handler) return { error: `No handler for ${message.channel}` };
      const event = { senderFrame: { url: message.senderUrl ?? window?.url ?? null } };
      return { result: await handler(event, ...message.args) };
    }
    case 'navigate': {
      const event = cancellable();
      window?.webContents.emit('will-navigate', event, message.url);
      return { prevented: event.defaultPrevented };
    }
    case 'open-window':
      return { action: window?.webContents.windowOpenHandler?.({ url: message.url })?.action ?? null };
    case 'permission':
      return {
        granted: await new Promise((resolve) => security.permissionRequest?.(window?.webContents, message.permission, resolve) ?? resolve(null)),
        checked: security.permissionCheck?.(window?.webContents, message.permission) ?? null,
      };
    case 'headers':
      return await new Promise((resolve) =>
        security.headersReceived
          ? security.headersReceived({ url: window?.url, responseHeaders: {} }, ({ responseHeaders }) => resolve({ responseHeaders }))
          : resolve({ responseHeaders: null }),
      );
    case 'quit':
      // Answered first: the quit lets go of the channel.
      setImmediate(() => app.quit());
      return {};
    default:
      return { error: `Unknown command ${message.type}` };
  }
}

process.on('message', (message) => {
  command(message).then(
    (answer) => report({ type: 'answer', id: message.id, ...answer }),
    (error) => report({ type: 'answer', id: message.id, error: String(error?.stack ?? error) }),
  );
});
// The channel alone must not keep the process alive: only the app's own handles may.
process.channel?.unref();

exports.app = app;
exports.BrowserWindow = BrowserWindow;
exports.ipcMain = ipcMain;
exports.safeStorage = safeStorage;
exports.session = session;
exports.net = net;
exports.autoUpdater = autoUpdater;
exports.Notification = Notification;
exports.shell = shell;
