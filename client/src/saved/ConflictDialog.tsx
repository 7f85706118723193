import type { Design } from '../../../shared/design/types.ts';
import { useAppStore } from '../store/useAppStore.ts';
import { useSaveActions } from './useSaveActions.ts';

function summary(design: Design): string {
  const components = design.layers.reduce((n, layer) => n + layer.components.length, 0);
  return `${design.name}:${design.tag} · ${design.layers.length} layers · ${components} components`;
}

/** Someone saved this design first: show both and let the person choose. */
export function ConflictDialog() {
  const conflict = useAppStore((s) => s.conflict);
  const setConflict = useAppStore((s) => s.setConflict);
  const { keepMine, loadTheirs } = useSaveActions();
  if (!conflict) return null;
  const close = () => setConflict(null);
  return (
    <dialog
      ref={(node) => {
        if (node && !node.open) node.showModal();
      }}
      onClose={close}
      aria-labelledby="conflict-title"
      data-testid="conflict-dialog"
      className="m-auto w-[min(40rem,95vw)] rounded-lg bg-white p-4 text-slate-900 shadow-xl"
    >
      <h2 id="conflict-title" className="text-lg font-bold">
        This design was saved elsewhere
      </h2>
      <p className="mt-2 text-sm">
        The server has revision {conflict.current.revision} (saved {new Date(conflict.current.updatedAt).toLocaleString()}); you edited
        revision {conflict.yourRevision}.
      </p>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="font-semibold">Yours</dt>
        <dd>{summary(conflict.mine)}</dd>
        <dt className="font-semibold">Server’s</dt>
        <dd>{summary(conflict.current.design)}</dd>
      </dl>
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="button" className="primary-button" onClick={() => void keepMine()}>
          Keep mine (overwrite revision {conflict.current.revision})
        </button>
        <button type="button" className="toolbar-button" onClick={loadTheirs}>
          Load the server’s
        </button>
        <button type="button" className="toolbar-button" onClick={close}>
          Decide later
        </button>
      </div>
    </dialog>
  );
}
