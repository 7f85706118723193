import type { StateCreator } from 'zustand';
import { applyEdit, type EditResult } from '../../../shared/design/applyEdit.ts';
import type { DesignAction } from '../../../shared/design/designActions.ts';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import type { Design } from '../../../shared/design/types.ts';
import type { AppState } from './AppState.ts';

/** Undo depth. The issue asks for at least 100; designs are small, so keep more. */
export const HISTORY_LIMIT = 200;

export interface EditOptions {
  /**
   * Edits with the same key in a row (typing a name, say) become one undo step.
   * Any other edit, undo or redo ends the run.
   */
  coalesceKey?: string;
}

export interface DesignSlice {
  design: Design;
  past: Design[];
  future: Design[];
  lastEditError: string | null;
  coalesceKey: string | null;
  /** Applies one pure shared edit; on success it becomes one undo step. */
  edit: (action: DesignAction, options?: EditOptions) => EditResult;
  undo: () => void;
  redo: () => void;
  /** Replaces the design without history (start-up and autosave restore). */
  loadDesign: (design: Design) => void;
  clearEditError: () => void;
}

export const createDesignSlice: StateCreator<AppState, [], [], DesignSlice> = (set, get) => ({
  design: emptyDesign(),
  past: [],
  future: [],
  lastEditError: null,
  coalesceKey: null,
  edit: (action, options = {}) => {
    const state = get();
    const result = applyEdit(state.design, action);
    if (!result.ok) {
      set({ lastEditError: result.error.message });
      return result;
    }
    if (result.design === state.design) return result;
    const key = options.coalesceKey ?? null;
    const coalesce = key !== null && key === state.coalesceKey;
    const past = coalesce ? state.past : [...state.past, state.design].slice(-HISTORY_LIMIT);
    set({ design: result.design, past, future: [], lastEditError: null, coalesceKey: key });
    return result;
  },
  undo: () => {
    const { past, design, future } = get();
    const previous = past.at(-1);
    if (!previous) return;
    set({ design: previous, past: past.slice(0, -1), future: [design, ...future], coalesceKey: null, lastEditError: null });
  },
  redo: () => {
    const { past, design, future } = get();
    const next = future[0];
    if (!next) return;
    set({ design: next, past: [...past, design].slice(-HISTORY_LIMIT), future: future.slice(1), coalesceKey: null, lastEditError: null });
  },
  loadDesign: (design) => set({ design, past: [], future: [], coalesceKey: null, lastEditError: null }),
  clearEditError: () => set({ lastEditError: null }),
});
