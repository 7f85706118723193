import { useDroppable } from '@dnd-kit/core';
import { NEW_LAYER_ID, type DropData } from '../dnd/dragData.ts';

const data: DropData = { kind: 'new-layer' };

/** Dropping a component here puts it in a new layer on top of the stack. */
export function NewLayerDropzone() {
  const { setNodeRef, isOver, active } = useDroppable({ id: NEW_LAYER_ID, data });
  const acceptsNow = active !== null && (active.data.current as { kind?: string } | undefined)?.kind !== 'layer';
  return (
    <div
      ref={setNodeRef}
      data-testid="new-layer-dropzone"
      className={`rounded-md border-2 border-dashed p-3 text-center text-sm ${
        isOver ? 'border-slate-900 bg-slate-200 text-slate-900' : acceptsNow ? 'border-slate-600 text-slate-800' : 'border-slate-400 text-slate-700'
      }`}
    >
      <span aria-hidden="true">+ </span>Drop a component here to start a new layer on top
    </div>
  );
}
