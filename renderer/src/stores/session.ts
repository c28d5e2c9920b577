import { create } from 'zustand';
import type { Session } from '../../../shared/contract/schemas.ts';
import { api } from '../api/client.ts';
import { notify } from './notify.ts';

interface SessionState {
  session: Session | null;
  load(): Promise<void>;
  /** Demo mode only. Resolves true once the backend acts as the other admin. */
  actAs(userId: string): Promise<boolean>;
}

export const useSessionStore = create<SessionState>()((set) => ({
  session: null,
  async load() {
    try {
      set({ session: await api.session.get({}) });
    } catch (error) {
      notify.error(error);
    }
  },
  async actAs(userId) {
    try {
      set({ session: await api.session.actAs({ userId }) });
      return true;
    } catch (error) {
      notify.error(error);
      return false;
    }
  },
}));

export const useSession = () => useSessionStore((state) => state.session);
export const useAdmin = () => useSessionStore((state) => state.session?.admin ?? null);
