import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useMemo } from 'react';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import type { ComponentClass } from '../common/componentClass.ts';
import { layerDragId, type DragData } from '../dnd/dragData.ts';
import { useDropPosition } from '../dnd/dropSpot.ts';
import { appStore } from '../store/useAppStore.ts';
import { focusLayerHandle } from './focusAfterRemoval.ts';
import { LayerNameInput } from './LayerNameInput.tsx';
import { LayerItems, type CanvasLook } from './LayerItems.tsx';

export interface LayerItemView {
  id: string;
  name: string;
  bytes: number;
  estimated: boolean;
  planned: boolean;
  componentClass: ComponentClass;
  /** False while the catalog loads: the size is not known yet (not 0 B). */
  sizeKnown: boolean;
}

export interface LayerBandProps {
  layerIndex: number;
  layerCount: number;
  name: string;
  bytes: number;
  items: LayerItemView[];
  /** Changes exactly when `items` render differently; lets memo skip untouched layers. */
  itemsKey: string;
  reducedMotion: boolean;
  /** Canvas view: how the band draws to scale; null in the list view. */
  canvas: CanvasLook | null;
}

interface LayerBandBodyProps extends Omit<LayerBandProps, 'itemsKey'> {
  setNodeRef: (node: HTMLElement | null) => void;
  setActivatorNodeRef: (node: HTMLElement | null) => void;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  transform: string | undefined;
  transition: string | undefined;
  isDragging: boolean;
  componentOver: boolean;
  /** The insertion slot of the component being dragged over this band, else null. */
  dropPosition: number | null;
}

/**
 * The band's DOM. useSortable re-renders all 40 bands whenever the drag's
 * active or over target changes; this memo keeps that to the hook itself for
 * every band whose look did not change.
 */
const LayerBandBody = memo(function LayerBandBody(props: LayerBandBodyProps) {
  const { layerIndex, layerCount, name, bytes, items, setNodeRef, setActivatorNodeRef, attributes, listeners } = props;
  const remove = () => appStore.getState().edit({ type: 'removeLayer', layerIndex });
  const where = layerIndex === 0 ? 'bottom' : layerIndex === layerCount - 1 ? 'top' : '';

  return (
    <li
      ref={setNodeRef}
      data-testid={`layer-${layerIndex}`}
      aria-label={`Layer ${layerIndex + 1} of ${layerCount}: ${name}`}
      style={{ transform: props.transform, transition: props.transition }}
      className={`rounded-lg border-2 bg-white p-2 shadow-sm ${props.componentOver ? 'border-slate-900 bg-slate-100' : 'border-slate-300'} ${
        props.isDragging ? 'opacity-40' : ''
      }`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          aria-label={`Move layer ${name}`}
          title="Drag to reorder (or Space, arrows, Space). Delete removes the layer."
          onKeyDown={(event) => {
            if (event.key === 'Delete') {
              event.preventDefault();
              if (remove().ok) focusLayerHandle(layerIndex);
              return;
            }
            listeners?.onKeyDown?.(event);
          }}
          className="cursor-grab touch-none rounded px-1.5 py-0.5 text-slate-700 hover:bg-slate-200"
        >
          <span aria-hidden="true">⠿</span>
        </button>
        <span className="text-xs font-medium text-slate-700">
          {layerIndex + 1}
          {where ? ` · ${where}` : ''}
        </span>
        <LayerNameInput layerIndex={layerIndex} name={name} />
        <span className="ml-auto text-sm tabular-nums text-slate-800" title={`${bytes.toLocaleString('en-US')} bytes`}>
          {formatBytes(bytes)}
        </span>
        <button
          type="button"
          onClick={remove}
          aria-label={`Remove layer ${name}`}
          title="Remove layer (undo brings it back)"
          className="rounded border border-slate-300 px-1.5 text-xs text-slate-800 hover:bg-glacier-bg hover:text-glacier-fg"
        >
          <span aria-hidden="true">× </span>Remove
        </button>
      </div>
      <LayerItems layerIndex={layerIndex} name={name} items={items} dropPosition={props.dropPosition} canvas={props.canvas} />
    </li>
  );
});

/** One layer band: drag handle, inline name, size, and its sortable components. */
function LayerBandView(props: LayerBandProps) {
  const { layerIndex, reducedMotion } = props;
  const data = useMemo((): DragData => ({ kind: 'layer', layerIndex }), [layerIndex]);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging, isOver, active } =
    useSortable({ id: layerDragId(layerIndex), data });
  const componentOver = isOver && (active?.data.current as { kind?: string } | undefined)?.kind !== 'layer';
  const dropPosition = useDropPosition(layerIndex);
  return (
    <LayerBandBody
      layerIndex={layerIndex}
      layerCount={props.layerCount}
      name={props.name}
      bytes={props.bytes}
      items={props.items}
      canvas={props.canvas}
      reducedMotion={reducedMotion}
      setNodeRef={setNodeRef}
      setActivatorNodeRef={setActivatorNodeRef}
      attributes={attributes}
      listeners={listeners}
      transform={CSS.Translate.toString(transform) || undefined}
      transition={reducedMotion ? undefined : transition}
      isDragging={isDragging}
      componentOver={componentOver}
      dropPosition={dropPosition}
    />
  );
}

function sameCanvas(a: CanvasLook | null, b: CanvasLook | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.heightRem === b.heightRem &&
    a.largestBytes === b.largestBytes &&
    a.waterline === b.waterline &&
    a.targetBytes === b.targetBytes &&
    a.aboveWaterline === b.aboveWaterline
  );
}

/** Skips re-rendering layers whose content did not change (drags touch few). */
export const LayerBand = memo(
  LayerBandView,
  (a, b) =>
    a.layerIndex === b.layerIndex &&
    a.layerCount === b.layerCount &&
    a.name === b.name &&
    a.bytes === b.bytes &&
    a.itemsKey === b.itemsKey &&
    a.reducedMotion === b.reducedMotion &&
    sameCanvas(a.canvas, b.canvas),
);
