import { create } from 'zustand';
import type { AppErrorPayload } from '../../../shared/domain/errors.ts';
import { ApiError } from '../api/client.ts';

export interface Notice {
  id: number;
  message: string;
  actor: AppErrorPayload['actor'] | null;
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

/** The one path by which every failed async action reaches the user. */
export const notify = {
  error(error: unknown): void {
    const notice: Notice =
      error instanceof ApiError
        ? { id: nextId++, message: error.payload.message, actor: error.payload.actor }
        : { id: nextId++, message: 'Something went wrong. Please try again.', actor: null };
    if (!(error instanceof ApiError)) console.error(error);
    useNotifyStore.setState((state) => ({ notices: [...state.notices.slice(-4), notice] }));
  },
};

export const useNotices = () => useNotifyStore((state) => state.notices);
export const useDismissNotice = () => useNotifyStore((state) => state.dismiss);
