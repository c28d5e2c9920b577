import { create } from 'zustand';
import type { IntegrationHealth } from '../../../shared/contract/schemas.ts';
import { api } from '../api/client.ts';
import { notify } from './notify.ts';

/** How often the board refreshes while a sync runs; it is one indexed query for every card. */
export const PROGRESS_POLL_MS = 400;
/** After failed refreshes the poll slows down, doubling up to this. */
export const MAX_POLL_BACKOFF_MS = 10_000;

interface HealthState {
  integrations: IntegrationHealth[];
  loaded: boolean;
  /** Integration ids whose "Sync now" request is on its way. */
  starting: string[];
  load(): Promise<void>;
  syncNow(integrationId: string): Promise<void>;
}

let pollTimer: ReturnType<typeof setTimeout> | null = null;
// Only the newest request may set state: an older answer (say, from before an identity
// switch) that arrives late is dropped.
let latestRequest = 0;
let failuresInARow = 0;

export const useHealthStore = create<HealthState>()((set, get) => {
  function schedulePollWhileActive(): void {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
    if (get().integrations.some((integration) => integration.activeJob)) {
      const delay = failuresInARow === 0 ? PROGRESS_POLL_MS : Math.min(PROGRESS_POLL_MS * 2 ** failuresInARow, MAX_POLL_BACKOFF_MS);
      pollTimer = setTimeout(() => void get().load(), delay);
    }
  }

  return {
    integrations: [],
    loaded: false,
    starting: [],
    async load() {
      const request = ++latestRequest;
      try {
        const integrations = await api.health.list({});
        if (request !== latestRequest) return;
        failuresInARow = 0;
        set({ integrations, loaded: true });
      } catch (error) {
        if (request !== latestRequest) return;
        // Tell the user once, not on every poll of an outage.
        if (failuresInARow++ === 0) notify.error(error);
      }
      schedulePollWhileActive();
    },
    async syncNow(integrationId) {
      set((state) => ({ starting: [...state.starting, integrationId] }));
      try {
        await api.sync.start({ integrationId, kind: 'full' });
      } catch (error) {
        notify.error(error);
      } finally {
        set((state) => ({ starting: state.starting.filter((id) => id !== integrationId) }));
      }
      await get().load();
    },
  };
});

export const useIntegrations = () => useHealthStore((state) => state.integrations);
export const useHealthLoaded = () => useHealthStore((state) => state.loaded);
export const useStarting = () => useHealthStore((state) => state.starting);
