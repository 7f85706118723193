import { useQueryClient } from '@tanstack/react-query';
import { describePaths } from '../../../shared/design/describePath.ts';
import { validateDesign, formatIssue } from '../../../shared/design/validateDesign.ts';
import type { Design } from '../../../shared/design/types.ts';
import { ApiError } from '../api/ApiError.ts';
import { createDesign, getDesign, updateDesign } from '../api/designApi.ts';
import { appStore } from '../store/useAppStore.ts';

export const DESIGNS_QUERY_KEY = ['designs'] as const;

function report(action: string, error: unknown): void {
  const state = appStore.getState();
  if (error instanceof ApiError && error.status === 401) state.setTokenRequired(true);
  const message = error instanceof Error ? error.message : String(error);
  state.showNotice({ tone: 'error', text: `${action} failed: ${message}` });
}

/** The design, if valid; otherwise a notice naming the first problems. */
function validDesign(): Design | null {
  const checked = validateDesign(appStore.getState().design);
  if (checked.ok) return checked.design;
  const issues = describePaths(checked.issues.slice(0, 3).map(formatIssue).join('; '), appStore.getState().design);
  appStore.getState().showNotice({ tone: 'error', text: `The design cannot be saved yet: ${issues}.` });
  return null;
}

/** Save, Save as new, Open, and the two ways out of a revision conflict. */
export function useSaveActions() {
  const queryClient = useQueryClient();
  const refreshList = () => void queryClient.invalidateQueries({ queryKey: DESIGNS_QUERY_KEY });

  const saveAsNew = async () => {
    const design = validDesign();
    if (!design) return;
    try {
      const saved = await createDesign(design);
      appStore.getState().markSaved(saved.id, saved.revision, design);
      appStore.getState().announce(`Saved “${design.name}” as a new design.`);
      refreshList();
    } catch (error) {
      report('Save', error);
    }
  };

  const put = async (id: string, design: Design, revision: number) => {
    try {
      const outcome = await updateDesign(id, design, revision);
      if (outcome.ok) {
        appStore.getState().markSaved(id, outcome.saved.revision, design);
        appStore.getState().setConflict(null);
        appStore.getState().announce(`Saved “${design.name}” (revision ${outcome.saved.revision}).`);
        refreshList();
      } else {
        appStore.getState().setConflict({ current: outcome.current, mine: design, yourRevision: outcome.yourRevision });
      }
    } catch (error) {
      // Deleted on the server meanwhile: save a new copy rather than lose the work.
      if (error instanceof ApiError && error.status === 404) {
        appStore.getState().forgetSaved();
        await saveAsNew();
        return;
      }
      report('Save', error);
    }
  };

  const save = async () => {
    const saved = appStore.getState().saved;
    if (!saved) return saveAsNew();
    const design = validDesign();
    if (design) await put(saved.id, design, saved.revision);
  };

  const open = async (id: string) => {
    try {
      const stored = await getDesign(id);
      appStore.getState().openStored(stored);
      appStore.getState().announce(`Opened “${stored.design.name}” (revision ${stored.revision}).`);
      return true;
    } catch (error) {
      report('Open', error);
      return false;
    }
  };

  /** Conflict: overwrite the server's copy with mine, against its current revision. */
  const keepMine = async () => {
    const conflict = appStore.getState().conflict;
    if (conflict) await put(conflict.current.id, conflict.mine, conflict.current.revision);
  };

  /** Conflict: drop my changes and load the server's copy (Undo still has mine). */
  const loadTheirs = () => {
    const { conflict } = appStore.getState();
    if (!conflict) return;
    const state = appStore.getState();
    state.edit({ type: 'replace', design: conflict.current.design });
    state.markSaved(conflict.current.id, conflict.current.revision, conflict.current.design);
    state.setConflict(null);
    state.announce('Loaded the server copy. Undo returns to your version.');
  };

  return { save, saveAsNew, open, keepMine, loadTheirs };
}
