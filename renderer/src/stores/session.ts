import { create } from 'zustand';
import type { Organization, Session } from '../../../shared/contract/schemas.ts';
import { api } from '../api/client.ts';
import { notify } from './notify.ts';

interface SessionState {
  session: Session | null;
  organizations: Organization[];
  load(): Promise<void>;
  actAs(userId: string): Promise<void>;
}

export const useSessionStore = create<SessionState>()((set) => ({
  session: null,
  organizations: [],
  async load() {
    try {
      const [session, organizations] = await Promise.all([api.session.get({}), api.organizations.list({})]);
      set({ session, organizations });
    } catch (error) {
      notify.error(error);
    }
  },
  async actAs(userId) {
    try {
      const session = await api.session.actAs({ userId });
      // Organizations are re-read as the new admin: row-level security decides what they see.
      const organizations = await api.organizations.list({});
      set({ session, organizations });
    } catch (error) {
      notify.error(error);
    }
  },
}));

export const useSession = () => useSessionStore((state) => state.session);
export const useOrganizations = () => useSessionStore((state) => state.organizations);
