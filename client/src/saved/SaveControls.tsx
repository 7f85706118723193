import { lazy, Suspense, useState } from 'react';
import { useAppStore } from '../store/useAppStore.ts';
import { saveStateOf } from '../store/savedSlice.ts';
import { ShareLink } from './ShareLink.tsx';
import { useSaveActions } from './useSaveActions.ts';

// Dialogs load when first opened: they are not needed to design.
const OpenDesignDialog = lazy(async () => ({ default: (await import('./OpenDesignDialog.tsx')).OpenDesignDialog }));
const ConflictDialog = lazy(async () => ({ default: (await import('./ConflictDialog.tsx')).ConflictDialog }));

const STATE_TEXT = {
  unsaved: 'Not saved on the server',
  saved: 'Saved',
  changed: 'Unsaved changes',
} as const;

/** Save / Save as new / Open… / Share link, with whether the server copy is current. */
export function SaveControls() {
  const saveState = useAppStore(saveStateOf);
  const revision = useAppStore((s) => s.saved?.revision);
  const savedId = useAppStore((s) => s.saved?.id ?? null);
  const conflict = useAppStore((s) => s.conflict !== null);
  const serverAutosave = useAppStore((s) => s.serverAutosave);
  const setServerAutosave = useAppStore((s) => s.setServerAutosave);
  const { save, saveAsNew } = useSaveActions();
  const [busy, setBusy] = useState(false);
  const [openList, setOpenList] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <span role="status" data-testid="save-status" data-state={saveState} className="text-sm text-slate-800">
        <span aria-hidden="true">{saveState === 'saved' ? '✓ ' : saveState === 'changed' ? '● ' : ''}</span>
        {STATE_TEXT[saveState]}
        {saveState !== 'unsaved' && revision !== undefined ? ` (revision ${revision})` : ''}
      </span>
      <button type="button" className="toolbar-button" disabled={busy} onClick={() => void run(save)}>
        Save
      </button>
      <button type="button" className="toolbar-button" disabled={busy} onClick={() => void run(saveAsNew)}>
        Save as new
      </button>
      <label className="flex items-center gap-1 text-sm" title="Save changes to the server copy a moment after each edit">
        <input type="checkbox" checked={serverAutosave} disabled={!savedId} onChange={(e) => setServerAutosave(e.target.checked)} />
        Autosave to server
      </label>
      <button type="button" className="toolbar-button" onClick={() => setOpenList(true)}>
        Open…
      </button>
      {savedId ? <ShareLink id={savedId} /> : null}
      <Suspense fallback={null}>
        {openList ? <OpenDesignDialog onClose={() => setOpenList(false)} /> : null}
        {conflict ? <ConflictDialog /> : null}
      </Suspense>
    </>
  );
}
