import { create } from 'zustand';
import type { AppErrorPayload } from '../../../shared/domain/errors.ts';
import { ApiError } from '../api/client.ts';

/** A failure shown to the admin. Its words are built from `error.code` at render time, in the language chosen then. */
export interface Notice {
  id: number;
  /** Null for a failure the backend did not describe (a bug, a lost bridge). */
  error: AppErrorPayload | null;
  /** How many times in a row the same failure happened (a poll during an outage). */
  repeats: number;
}

interface NotifyState {
  notices: Notice[];
  dismiss(id: number): void;
}

let nextId = 1;
export const useNotifyStore = create<NotifyState>()((set) => ({
  notices: [],
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
}));

const sameFailure = (a: AppErrorPayload | null, b: AppErrorPayload | null) => a?.code === b?.code && a?.message === b?.message;

/** The one path by which every failed async action reaches the user. */
export const notify = {
  error(error: unknown): void {
    const payload = error instanceof ApiError ? error.payload : null;
    if (!payload) console.error(error);
    useNotifyStore.setState((state) => {
      const last = state.notices.at(-1);
      if (last && sameFailure(last.error, payload)) {
        return { notices: [...state.notices.slice(0, -1), { ...last, repeats: last.repeats + 1 }] };
      }
      return { notices: [...state.notices.slice(-4), { id: nextId++, error: payload, repeats: 1 }] };
    });
  },
};

export const useNotices = () => useNotifyStore((state) => state.notices);
export const useDismissNotice = () => useNotifyStore((state) => state.dismiss);
