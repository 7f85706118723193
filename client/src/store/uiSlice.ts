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
  setSearch: (search: string) => void;
  showNotice: (notice: Notice) => void;
  dismissNotice: () => void;
  announce: (text: string) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  search: '',
  notice: null,
  announcement: '',
  setSearch: (search) => set({ search }),
  showNotice: (notice) => set({ notice }),
  dismissNotice: () => set({ notice: null }),
  announce: (announcement) => set({ announcement }),
});
