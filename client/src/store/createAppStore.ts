import { createStore } from 'zustand/vanilla';
import { createBuildSlice } from './buildSlice.ts';
import { createDesignSlice } from './designSlice.ts';
import { createSavedSlice } from './savedSlice.ts';
import { createUiSlice } from './uiSlice.ts';
import type { AppState } from './AppState.ts';

/** A fresh store; the page uses one, tests make their own. */
export function createAppStore() {
  return createStore<AppState>()((...a) => ({
    ...createDesignSlice(...a),
    ...createUiSlice(...a),
    ...createBuildSlice(...a),
    ...createSavedSlice(...a),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
