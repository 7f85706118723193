import type { AppStore } from './createAppStore.ts';
import { loadStoredDesign, saveStoredDesign, type DesignStorage } from './designStorage.ts';

/**
 * Restores the saved design (or sets a bad one aside with a notice) and
 * saves every change. Writes are deferred a little so a drag costs nothing.
 */
export function startAutosave(store: AppStore, storage: DesignStorage, delayMs = 150): () => void {
  const loaded = loadStoredDesign(storage);
  store.getState().loadDesign(loaded.design);
  if (loaded.notice) store.getState().showNotice({ tone: 'error', text: loaded.notice });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (!saveStoredDesign(storage, store.getState().design)) {
      store.getState().showNotice({ tone: 'error', text: 'Autosave failed: local storage is full or blocked. Export the design to keep it.' });
    }
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.design === previous.design) return;
    if (timer === undefined) timer = setTimeout(flush, delayMs);
  });
  const onHide = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      flush();
    }
  };
  globalThis.addEventListener?.('pagehide', onHide);
  return () => {
    unsubscribe();
    globalThis.removeEventListener?.('pagehide', onHide);
    if (timer !== undefined) clearTimeout(timer);
  };
}
