import type { StateCreator } from 'zustand';
import type { AppState } from './AppState.ts';

export interface Notice {
  tone: 'info' | 'error';
  text: string;
}

export interface UiSlice {
  search: string;
  notice: Notice | null;
  /** Polite live-region text (budget crossings, imports, copies). */
  announcement: string;
  /** The server answered 401: it runs with LAGO_API_TOKEN and the page must ask for it. */
  tokenRequired: boolean;
  setTokenRequired: (required: boolean) => void;
  setSearch: (search: string) => void;
  showNotice: (notice: Notice) => void;
  dismissNotice: () => void;
  announce: (text: string) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  search: '',
  notice: null,
  announcement: '',
  tokenRequired: false,
  setTokenRequired: (tokenRequired) => set({ tokenRequired }),
  setSearch: (search) => set({ search }),
  showNotice: (notice) => set({ notice }),
  dismissNotice: () => set({ notice: null }),
  announce: (announcement) => set({ announcement }),
});
