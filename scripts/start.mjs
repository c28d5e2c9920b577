// `npm start`: build, make sure Electron's binary is there, and open the console in embedded demo mode.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

const electronDir = dirname(require.resolve('electron/package.json'));
// npm 11 may hold back install scripts, Electron's binary download among them: fetch it now.
if (!existsSync(join(electronDir, 'path.txt')) && run(process.execPath, [join(electronDir, 'install.js')]) !== 0) {
  console.error(
    '\nThe Electron binary could not be downloaded, so the desktop console cannot open on this machine.\n' +
      'Everything else runs without it: `npm test` builds the app and drives its renderer in Chromium.\n',
  );
  process.exit(1);
}
// The demo opens straight away; an installed console asks on its first start where to work.
process.env.MSC_START_IN_DEMO = '1';
process.exit(run('npx', ['electron-vite', 'preview']));
