import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import { memo, useMemo } from 'react';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import type { CatalogItem } from '../../../shared/catalog/types.ts';
import { ClassBadge } from '../common/ClassBadge.tsx';
import { CLASS_STYLE, classOf } from '../common/componentClass.ts';
import { paletteDragId, type DragData } from '../dnd/dragData.ts';
import { appStore } from '../store/useAppStore.ts';
import { DragBinder, idleAttributes, useArming } from '../dnd/useArmedDraggable.tsx';

interface PaletteCardProps {
  item: CatalogItem;
  inDesign: boolean;
}

/** The card's content, memoised apart from the drag hook. */
const PaletteCardBody = memo(function PaletteCardBody({ item, inDesign }: PaletteCardProps) {
  const componentClass = classOf(item);
  return (
    <>
      <div className="flex items-baseline justify-between gap-2">
        <span className="font-semibold text-slate-900">{item.name}</span>
        <span
          className="text-sm tabular-nums text-slate-700"
          title={`${item.sizeBytes.toLocaleString('en-US')} bytes`}
        >
          {formatBytes(item.sizeBytes)}
          {item.sizeIsEstimate ? <abbr title="estimated: not measured on this server yet"> est.</abbr> : null}
        </span>
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-700">
        <ClassBadge componentClass={componentClass} />
        <span>{item.category}</span>
        {inDesign ? <span className="font-medium text-slate-800">· in the image</span> : null}
      </div>
      {!item.available && item.unavailableReason ? (
        <p className="mt-1 text-xs [overflow-wrap:anywhere] text-glacier-fg">
          <span aria-hidden="true">⚠ </span>Not buildable here: {item.unavailableReason}
        </p>
      ) : null}
    </>
  );
});

/** A greyed card was pressed: say why it does not move (and do not select text). */
function explainInImage(componentId: string, name: string): void {
  const state = appStore.getState();
  const layer = state.design.layers.find((l) => l.components.includes(componentId));
  const text = `“${name}” is already in the image${layer ? ` (layer '${layer.name}')` : ''}; each part goes in once. To move it, drag it within the stack.`;
  state.showNotice({ tone: 'info', text });
  state.announce(text);
}

interface PaletteCardDomProps extends PaletteCardProps {
  setNodeRef: ((node: HTMLElement | null) => void) | undefined;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  isDragging: boolean;
  onArm: () => void;
  onDisarm: (event: object) => void;
}

const PaletteCardDom = memo(function PaletteCardDom(props: PaletteCardDomProps) {
  const { item, inDesign, setNodeRef, attributes, listeners, isDragging, onArm, onDisarm } = props;
  return (
    <li>
      <div
        ref={setNodeRef}
        data-testid={`palette-item-${item.id}`}
        {...attributes}
        {...listeners}
        onPointerEnter={onArm}
        onPointerMove={onArm}
        onFocus={onArm}
        onPointerLeave={onDisarm}
        onBlur={onDisarm}
        {...(inDesign ? { onPointerDown: () => explainInImage(item.id, item.name) } : {})}
        title={inDesign ? `${item.name} is already in the image: drag it within the stack to move it.` : undefined}
        className={`block w-full touch-none rounded-md select-none border-l-4 bg-white p-2 text-left shadow-sm ring-1 ring-slate-200 ${
          CLASS_STYLE[classOf(item)].edge
        } ${inDesign ? 'cursor-default opacity-70' : 'cursor-grab hover:ring-slate-400'} ${isDragging ? 'opacity-50' : ''}`}
      >
        <PaletteCardBody item={item} inDesign={inDesign} />
      </div>
    </li>
  );
});

/**
 * A draggable catalog card; disabled once the component is in the image.
 *
 * Every useDraggable re-renders whenever a drag's over target changes, and a
 * 300-entry palette made that most of a drag frame. So a card registers with
 * dnd-kit only while the pointer or focus is on it (both always come before
 * the pointerdown or key that starts a drag) and until its drag ends; the rest
 * render the same attributes without subscribing.
 */
export const PaletteCard = memo(function PaletteCard({ item, inDesign }: PaletteCardProps) {
  const arming = useArming(`[data-testid="palette-item-${CSS.escape(item.id)}"]`);
  const data = useMemo((): DragData => ({ kind: 'palette', componentId: item.id }), [item.id]);
  const { binding } = arming;
  return (
    <>
      {arming.armed ? (
        <DragBinder
          id={paletteDragId(item.id)}
          data={data}
          disabled={inDesign}
          roleDescription="draggable"
          onBind={arming.onBind}
        />
      ) : null}
      <PaletteCardDom
        item={item}
        inDesign={inDesign}
        setNodeRef={binding?.setNodeRef}
        attributes={binding?.attributes ?? idleAttributes(inDesign)}
        listeners={binding?.listeners}
        isDragging={binding?.isDragging ?? false}
        onArm={arming.onArm}
        onDisarm={arming.onDisarm}
      />
    </>
  );
});
