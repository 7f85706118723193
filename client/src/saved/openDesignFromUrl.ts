import { ApiError } from '../api/ApiError.ts';
import { getDesign } from '../api/designApi.ts';
import type { AppStore } from '../store/createAppStore.ts';

/**
 * `/?design=<id>` (a share link) opens that saved design. Without one, a page
 * whose autosave belongs to a server copy checks that copy and says when the
 * server has moved on (saved from another tab or browser).
 */
export async function openDesignFromUrl(store: AppStore, location: Location, history: History): Promise<void> {
  const id = new URLSearchParams(location.search).get('design');
  if (id) {
    try {
      const stored = await getDesign(id);
      store.getState().openStored(stored);
      store.getState().announce(`Opened the shared design “${stored.design.name}”.`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) store.getState().setTokenRequired(true);
      const why = error instanceof ApiError && error.status === 404 ? 'it does not exist or was deleted' : String(error);
      store.getState().showNotice({ tone: 'error', text: `The shared design ${id} could not be opened: ${why}.` });
    }
    // From here on the autosave holds it; a reload must not drop later edits.
    history.replaceState(null, '', location.pathname);
    return;
  }
  const saved = store.getState().saved;
  if (!saved) return;
  try {
    const stored = await getDesign(saved.id);
    if (stored.revision !== saved.revision) {
      store.getState().showNotice({
        tone: 'info',
        text: `The server copy of this design is at revision ${stored.revision}, this browser has revision ${saved.revision}${
          JSON.stringify(store.getState().design) === saved.savedJson ? '' : ' with unsaved changes'
        }. Save to choose which to keep, or Open… to load the server’s.`,
      });
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      store.getState().forgetSaved();
      store.getState().showNotice({ tone: 'info', text: 'This design was deleted on the server; it is kept in this browser. Save to store it again.' });
    }
  }
}
