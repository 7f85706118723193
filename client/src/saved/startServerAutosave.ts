import { updateDesign } from '../api/designApi.ts';
import { validateDesign } from '../../../shared/design/validateDesign.ts';
import type { AppStore } from '../store/createAppStore.ts';
import { saveStateOf } from '../store/savedSlice.ts';

/**
 * With server autosave on, a saved design's changes are PUT a moment after
 * the last edit. The local autosave still runs on every edit, so the status
 * says "Unsaved changes" while the two differ. Someone else's newer revision
 * stops the autosave and shows both copies to choose from.
 */
export function startServerAutosave(store: AppStore, delayMs = 1500): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;

  const flush = async () => {
    timer = undefined;
    const state = store.getState();
    if (!state.serverAutosave || !state.saved || state.conflict || inFlight || saveStateOf(state) !== 'changed') return;
    const checked = validateDesign(state.design);
    // An invalid design in the middle of typing is saved once it is valid again.
    if (!checked.ok) return;
    const { id, revision } = state.saved;
    inFlight = true;
    try {
      const outcome = await updateDesign(id, checked.design, revision);
      if (outcome.ok) store.getState().markSaved(id, outcome.saved.revision, checked.design);
      else {
        store.getState().setServerAutosave(false);
        store.getState().setConflict({ current: outcome.current, mine: checked.design, yourRevision: outcome.yourRevision });
      }
    } catch (error) {
      store.getState().setServerAutosave(false);
      const message = error instanceof Error ? error.message : String(error);
      store.getState().showNotice({ tone: 'error', text: `Server autosave stopped: ${message}. The design is still kept in this browser.` });
    } finally {
      inFlight = false;
    }
    // Edits made while the request ran.
    if (saveStateOf(store.getState()) === 'changed') schedule();
  };

  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void flush(), delayMs);
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.design !== previous.design || (state.serverAutosave && !previous.serverAutosave)) schedule();
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
