import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { EngineChoice } from '../../../shared/api/types.ts';
import { describePaths } from '../../../shared/design/describePath.ts';
import { formatIssue, validateDesign } from '../../../shared/design/validateDesign.ts';
import { ApiError } from '../api/ApiError.ts';
import { BUILDS_QUERY_KEY, cancelBuild, createBuild } from '../api/buildApi.ts';
import { CATALOG_QUERY_KEY } from '../api/useCatalog.ts';
import { followBuildEvents } from '../api/followBuildEvents.ts';
import { appStore, useAppStore } from '../store/useAppStore.ts';

/** Starts, follows (SSE) and cancels the current build. */
export function useBuildRunner() {
  const queryClient = useQueryClient();
  const buildId = useAppStore((s) => s.build?.id ?? '');
  const eventsUrl = useAppStore((s) => s.build?.eventsUrl ?? '');
  const done = useAppStore((s) => s.build?.done ?? true);

  useEffect(() => {
    if (!eventsUrl || done) return;
    return followBuildEvents(
      eventsUrl,
      (event) => {
        appStore.getState().applyBuildEvent(event);
        // Built components now have measured sizes: the palette and budget show them.
        if (event.type === 'done') {
          void queryClient.invalidateQueries({ queryKey: CATALOG_QUERY_KEY });
          void queryClient.invalidateQueries({ queryKey: BUILDS_QUERY_KEY });
        }
      },
      () => appStore.getState().showNotice({ tone: 'error', text: 'Lost the connection to the build log. Reload to follow it again.' }),
    );
    // Follow each build once; `done` flips when its stream ends.
  }, [eventsUrl, done, queryClient]);

  const start = async (engine: EngineChoice, smokeTest: boolean) => {
    const state = appStore.getState();
    const checked = validateDesign(state.design);
    if (!checked.ok) {
      state.failBuildStart(
        `The design is not valid: ${describePaths(checked.issues.slice(0, 3).map(formatIssue).join('; '), state.design)}`,
      );
      return;
    }
    try {
      const designId = appStore.getState().saved?.id;
      const response = await createBuild({ design: checked.design, engine, smokeTest, ...(designId ? { designId } : {}) });
      appStore.getState().startBuild(response.id, response.eventsUrl, checked.design);
      void queryClient.invalidateQueries({ queryKey: BUILDS_QUERY_KEY });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) appStore.getState().setTokenRequired(true);
      const raw = error instanceof ApiError ? `${error.message}${error.path ? ` (at ${error.path})` : ''}` : String(error);
      appStore.getState().failBuildStart(describePaths(raw, appStore.getState().design));
    }
  };

  const cancel = async () => {
    if (!buildId) return;
    try {
      await cancelBuild(buildId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      appStore.getState().showNotice({ tone: 'error', text: `Cancel failed: ${message}` });
    }
  };

  return { start, cancel };
}
