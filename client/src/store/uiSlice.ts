import type { StateCreator } from 'zustand';
import type { AppState } from './AppState.ts';

export interface Notice {
  tone: 'info' | 'error';
  text: string;
}

/** How the stack is drawn: to scale on the canvas, or as the compact list. */
export type StackView = 'canvas' | 'list';

const VIEW_KEY = 'lago-grey:stack-view';

/** The remembered view; anything else stored there counts as the default. */
function storedView(): StackView {
  try {
    return globalThis.localStorage?.getItem(VIEW_KEY) === 'list' ? 'list' : 'canvas';
  } catch {
    return 'canvas';
  }
}

export interface UiSlice {
  search: string;
  stackView: StackView;
  setStackView: (view: StackView) => void;
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
  stackView: storedView(),
  setStackView: (stackView) => {
    try {
      globalThis.localStorage?.setItem(VIEW_KEY, stackView);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    set({ stackView });
  },
  notice: null,
  announcement: '',
  tokenRequired: false,
  setTokenRequired: (tokenRequired) => set({ tokenRequired }),
  setSearch: (search) => set({ search }),
  showNotice: (notice) => set({ notice }),
  dismissNotice: () => set({ notice: null }),
  announce: (announcement) => set({ announcement }),
});
