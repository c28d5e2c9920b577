import { create } from 'zustand';
import type { IntegrationHealth } from '../../../shared/contract/schemas.ts';
import { api } from '../api/client.ts';
import { notify } from './notify.ts';

/** How often the board refreshes while a sync runs; it is one indexed query for every card. */
export const PROGRESS_POLL_MS = 400;

interface HealthState {
  integrations: IntegrationHealth[];
  loaded: boolean;
  /** Integration ids whose "Sync now" request is on its way. */
  starting: string[];
  load(): Promise<void>;
  syncNow(integrationId: string): Promise<void>;
}

let pollTimer: ReturnType<typeof setTimeout> | null = null;

export const useHealthStore = create<HealthState>()((set, get) => {
  function schedulePollWhileActive(): void {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
    if (get().integrations.some((integration) => integration.activeJob)) {
      pollTimer = setTimeout(() => void get().load(), PROGRESS_POLL_MS);
    }
  }

  return {
    integrations: [],
    loaded: false,
    starting: [],
    async load() {
      try {
        const integrations = await api.health.list({});
        set({ integrations, loaded: true });
      } catch (error) {
        notify.error(error);
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
