import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { deleteDesign, listDesigns, restoreDesign, type DesignSummary } from '../api/designApi.ts';
import { appStore } from '../store/useAppStore.ts';
import { DESIGNS_QUERY_KEY, useSaveActions } from './useSaveActions.ts';

/** Saved designs on the server: search, open, delete with undo. */
export function OpenDesignDialog({ onClose }: { onClose: () => void }) {
  const [q, setQ] = useState('');
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: [...DESIGNS_QUERY_KEY, q.trim()], queryFn: () => listDesigns(q) });
  const [deleted, setDeleted] = useState<DesignSummary[]>([]);
  const [error, setError] = useState('');
  const { open } = useSaveActions();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: DESIGNS_QUERY_KEY });

  const remove = async (design: DesignSummary) => {
    try {
      await deleteDesign(design.id);
      setDeleted((d) => [design, ...d.filter((x) => x.id !== design.id)]);
      // The page keeps its copy; it is simply no longer saved on the server.
      if (appStore.getState().saved?.id === design.id) appStore.getState().forgetSaved();
      refresh();
    } catch (e) {
      setError(`Delete failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const undoDelete = async (design: DesignSummary) => {
    try {
      await restoreDesign(design.id);
      setDeleted((d) => d.filter((x) => x.id !== design.id));
      refresh();
    } catch (e) {
      setError(`Restore failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <dialog
      ref={(node) => {
        if (node && !node.open) node.showModal();
      }}
      onClose={onClose}
      aria-labelledby="open-design-title"
      data-testid="open-design-dialog"
      className="m-auto w-[min(44rem,95vw)] rounded-lg bg-white p-4 text-slate-900 shadow-xl"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="open-design-title" className="text-lg font-bold">
          Open a saved design
        </h2>
        <button type="button" className="toolbar-button" onClick={onClose}>
          Close
        </button>
      </div>
      <label className="mt-3 flex flex-col gap-1 text-sm">
        Search by name
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="rounded border border-slate-400 px-2 py-1"
          autoFocus
        />
      </label>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-900">
          {error}
        </p>
      ) : null}
      {deleted.map((d) => (
        <p key={d.id} role="status" className="mt-2 flex items-center gap-2 text-sm">
          Deleted “{d.name}”.
          <button type="button" className="toolbar-button" onClick={() => void undoDelete(d)}>
            Undo delete
          </button>
        </p>
      ))}
      <div className="mt-3 max-h-[60vh] overflow-y-auto">
        {list.isPending ? <p className="text-sm">Loading…</p> : null}
        {list.isError ? <p className="text-sm text-red-900">Could not load the list: {list.error.message}</p> : null}
        {list.data && list.data.length === 0 ? <p className="text-sm">{q.trim() ? 'No saved design matches.' : 'No saved designs yet.'}</p> : null}
        <ul aria-label="Saved designs" className="flex flex-col divide-y divide-slate-200">
          {list.data?.map((d) => (
            <li key={d.id} data-testid="saved-design" className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="text-sm">
                <span className="font-semibold">{d.name}</span> · {formatBytes(d.totalBytes)} · revision {d.revision} · saved{' '}
                {new Date(d.updatedAt).toLocaleString()}
              </span>
              <span className="flex gap-2">
                <button
                  type="button"
                  className="primary-button"
                  aria-label={`Open ${d.name}`}
                  onClick={async () => {
                    if (await open(d.id)) onClose();
                  }}
                >
                  Open
                </button>
                <button type="button" className="toolbar-button" aria-label={`Delete ${d.name}`} onClick={() => void remove(d)}>
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      </div>
    </dialog>
  );
}
