import { useDraggable, type DraggableAttributes, type DraggableSyntheticListeners } from '@dnd-kit/core';
import { memo, useMemo } from 'react';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import type { CatalogItem } from '../../../shared/catalog/types.ts';
import { ClassBadge } from '../common/ClassBadge.tsx';
import { CLASS_STYLE, classOf } from '../common/componentClass.ts';
import { paletteDragId, type DragData } from '../dnd/dragData.ts';

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
        <span className="text-sm tabular-nums text-slate-700" title={`${item.sizeBytes.toLocaleString('en-US')} bytes`}>
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
        <p className="mt-1 text-xs text-glacier-fg">
          <span aria-hidden="true">⚠ </span>Not buildable here: {item.unavailableReason}
        </p>
      ) : null}
    </>
  );
});

interface PaletteCardDomProps extends PaletteCardProps {
  setNodeRef: (node: HTMLElement | null) => void;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  isDragging: boolean;
}

/**
 * The card's DOM. useDraggable re-renders all 300 cards whenever the drag's
 * over target changes; their props stay the same, so memo skips them.
 */
const PaletteCardDom = memo(function PaletteCardDom({ item, inDesign, setNodeRef, attributes, listeners, isDragging }: PaletteCardDomProps) {
  return (
    <li>
      <div
        ref={setNodeRef}
        data-testid={`palette-item-${item.id}`}
        {...attributes}
        {...listeners}
        className={`block w-full touch-none rounded-md border-l-4 bg-white p-2 text-left shadow-sm ring-1 ring-slate-200 ${
          CLASS_STYLE[classOf(item)].edge
        } ${inDesign ? 'cursor-default opacity-70' : 'cursor-grab hover:ring-slate-400'} ${isDragging ? 'opacity-50' : ''}`}
      >
        <PaletteCardBody item={item} inDesign={inDesign} />
      </div>
    </li>
  );
});

/** A draggable catalog card; disabled once the component is in the image. */
export const PaletteCard = memo(function PaletteCard({ item, inDesign }: PaletteCardProps) {
  const data = useMemo((): DragData => ({ kind: 'palette', componentId: item.id }), [item.id]);
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: paletteDragId(item.id),
    data,
    disabled: inDesign,
  });
  return (
    <PaletteCardDom
      item={item}
      inDesign={inDesign}
      setNodeRef={setNodeRef}
      attributes={attributes}
      listeners={listeners}
      isDragging={isDragging}
    />
  );
});
