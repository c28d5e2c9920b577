import Store from 'electron-store';
import type { KeyValueStore } from './settings-store.ts';

export function createElectronSettingsStore(): KeyValueStore {
  const store = new Store<Record<string, unknown>>({ name: 'console-settings' });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
