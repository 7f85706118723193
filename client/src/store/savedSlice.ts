import type { StateCreator } from 'zustand';
import type { Design } from '../../../shared/design/types.ts';
import type { StoredDesign } from '../api/designApi.ts';
import type { AppState } from './AppState.ts';

/** The server copy this page's design came from or was last saved as. */
export interface SavedRef {
  id: string;
  revision: number;
  /** JSON of the design as saved, to tell "saved" from "unsaved changes". */
  savedJson: string;
}

/** Someone else saved first: both copies, so the person can choose. */
export interface SaveConflict {
  current: StoredDesign;
  mine: Design;
  yourRevision: number;
}

export interface SavedSlice {
  saved: SavedRef | null;
  conflict: SaveConflict | null;
  /** Save changes to the server copy by themselves, a moment after each edit. */
  serverAutosave: boolean;
  setServerAutosave: (on: boolean) => void;
  markSaved: (id: string, revision: number, design: Design) => void;
  /** Loads a server copy as the page's design (no undo history) and marks it saved. */
  openStored: (stored: StoredDesign) => void;
  forgetSaved: () => void;
  setConflict: (conflict: SaveConflict | null) => void;
}

export const createSavedSlice: StateCreator<AppState, [], [], SavedSlice> = (set, get) => ({
  saved: null,
  conflict: null,
  serverAutosave: false,
  setServerAutosave: (serverAutosave) => set({ serverAutosave }),
  markSaved: (id, revision, design) => set({ saved: { id, revision, savedJson: JSON.stringify(design) } }),
  openStored: (stored) => {
    get().loadDesign(stored.design);
    set({ saved: { id: stored.id, revision: stored.revision, savedJson: JSON.stringify(stored.design) }, conflict: null });
  },
  forgetSaved: () => set({ saved: null, conflict: null }),
  setConflict: (conflict) => set({ conflict }),
});

export type SaveState = 'unsaved' | 'saved' | 'changed';

/** Whether the design is on the server, and whether it changed since. */
export function saveStateOf(state: Pick<AppState, 'saved' | 'design'>): SaveState {
  if (!state.saved) return 'unsaved';
  return JSON.stringify(state.design) === state.saved.savedJson ? 'saved' : 'changed';
}
