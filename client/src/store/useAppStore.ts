import { useStore } from 'zustand';
import { createAppStore } from './createAppStore.ts';
import type { AppState } from './AppState.ts';

/** The page's single store instance. */
export const appStore = createAppStore();

/** Selects from the page store; keep selectors narrow so drags re-render little. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
