import { create } from 'zustand';

interface AnnounceState {
  message: string;
  /** Changes with every announcement, so the same words said twice are heard twice. */
  serial: number;
}

export const useAnnounceStore = create<AnnounceState>()(() => ({ message: '', serial: 0 }));

/**
 * Say something through the console's one live region: a sync's start, its milestones and its
 * outcome. Not every poll: callers announce changes of state, never progress ticks.
 */
export function announce(message: string): void {
  useAnnounceStore.setState((state) => ({ message, serial: state.serial + 1 }));
}

export const useAnnouncement = () => useAnnounceStore((state) => state);
