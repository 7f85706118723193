import type { BuildSlice } from './buildSlice.ts';
import type { DesignSlice } from './designSlice.ts';
import type { UiSlice } from './uiSlice.ts';

/** The one client store: design (with history), UI, and the current build. */
export type AppState = DesignSlice & UiSlice & BuildSlice;
