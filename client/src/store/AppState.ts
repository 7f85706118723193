import type { BuildSlice } from './buildSlice.ts';
import type { DesignSlice } from './designSlice.ts';
import type { SavedSlice } from './savedSlice.ts';
import type { UiSlice } from './uiSlice.ts';

/** The one client store: design (with history), UI, the current build, and its server copy. */
export type AppState = DesignSlice & UiSlice & BuildSlice & SavedSlice;
