import type { StateCreator } from 'zustand';
import type { BuildEvent } from '../../../shared/api/types.ts';
import type { Design } from '../../../shared/design/types.ts';
import { newBuildView, reduceBuildEvent, type BuildView } from '../build/reduceBuildEvent.ts';
import type { AppState } from './AppState.ts';

export interface BuildSlice {
  build: BuildView | null;
  startBuild: (id: string, eventsUrl: string, design: Design | null) => void;
  applyBuildEvent: (event: BuildEvent) => void;
  failBuildStart: (message: string) => void;
  closeBuild: () => void;
}

export const createBuildSlice: StateCreator<AppState, [], [], BuildSlice> = (set, get) => ({
  build: null,
  startBuild: (id, eventsUrl, design) => set({ build: newBuildView(id, eventsUrl, design) }),
  applyBuildEvent: (event) => {
    const build = get().build;
    if (build) set({ build: reduceBuildEvent(build, event) });
  },
  failBuildStart: (message) => {
    const view = newBuildView('', '', null);
    set({ build: { ...view, status: 'failed', error: { code: 'start_failed', message } } });
  },
  closeBuild: () => set({ build: null }),
});
