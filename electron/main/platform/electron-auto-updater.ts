import electronUpdater from 'electron-updater';
import type { AutoUpdater } from './updater.ts';

export function electronAutoUpdater(): AutoUpdater {
  return electronUpdater.autoUpdater;
}
