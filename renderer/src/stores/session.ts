import { create } from 'zustand';
import type { Session } from '../../../shared/contract/schemas.ts';
import { api } from '../api/client.ts';
import { notify } from './notify.ts';

interface SessionState {
  session: Session | null;
  load(): Promise<void>;
  /**
   * Demo mode only. `beforeSwitch` runs once the backend acts as the other admin and before the
   * console shows it, so nothing read as the previous admin is shown as theirs.
   */
  actAs(userId: string, beforeSwitch: () => void): Promise<void>;
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
  async actAs(userId, beforeSwitch) {
    try {
      const session = await api.session.actAs({ userId });
      beforeSwitch();
      set({ session });
    } catch (error) {
      notify.error(error);
    }
  },
}));

export const useSession = () => useSessionStore((state) => state.session);
export const useAdmin = () => useSessionStore((state) => state.session?.admin ?? null);
