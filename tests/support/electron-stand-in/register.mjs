// `node --import` this file to run a script with the Electron stand-in (electron.cjs) wherever
// it imports or requires `electron`: ES modules through a resolve hook, CommonJS (electron-
// updater) through the CommonJS resolver. Both end at the same file, so they share one instance.
import { createRequire, register } from 'node:module';

const standIn = new URL('./electron.cjs', import.meta.url);
register('./resolve-hook.mjs', import.meta.url, { data: { standIn: standIn.href } });

const require = createRequire(import.meta.url);
const Module = require('node:module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveElectron(request, ...rest) {
  return request === 'electron' ? require.resolve('./electron.cjs') : resolveFilename.call(this, request, ...rest);
};
