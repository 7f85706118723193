import type { AppStore } from './createAppStore.ts';
import type { SavedRef } from './savedSlice.ts';

/** Beside the autosave: which server copy the autosaved design belongs to. */
export const SAVED_REF_KEY = 'lago-grey:saved:v1';

type RefStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function readRef(storage: RefStorage): SavedRef | null {
  try {
    const text = storage.getItem(SAVED_REF_KEY);
    if (!text) return null;
    const ref = JSON.parse(text) as Partial<SavedRef>;
    if (typeof ref.id === 'string' && typeof ref.revision === 'number' && typeof ref.savedJson === 'string') {
      return { id: ref.id, revision: ref.revision, savedJson: ref.savedJson };
    }
  } catch {
    // Unreadable: the design is simply treated as not saved on the server.
  }
  return null;
}

/**
 * Restores the saved-copy reference (so a reload still knows "saved" from
 * "unsaved changes") and keeps it stored as it changes.
 */
export function startSavedRef(store: AppStore, storage: RefStorage): () => void {
  const ref = readRef(storage);
  if (ref) store.setState({ saved: ref });
  return store.subscribe((state, previous) => {
    if (state.saved === previous.saved) return;
    try {
      if (state.saved) storage.setItem(SAVED_REF_KEY, JSON.stringify(state.saved));
      else storage.removeItem(SAVED_REF_KEY);
    } catch {
      // Storage blocked: the autosave notice already says so.
    }
  });
}
