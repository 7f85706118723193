import { Fragment } from 'react';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { blockWidthPercent } from './canvasScale.ts';
import type { LayerItemView } from './LayerBand.tsx';
import { StackItem } from './StackItem.tsx';

/** How a band draws on the canvas; absent in the list view. */
export interface CanvasLook {
  /** The strip's height in rem (square root of the layer's bytes). */
  heightRem: number;
  /** Bytes of the largest component on the canvas (a full-width block). */
  largestBytes: number;
  /** The waterline's height inside this band (0 = bottom, 1 = top), when the target falls here. */
  waterline: number | null;
  targetBytes: number;
  /** The whole band sits above the waterline: its bytes are over budget. */
  aboveWaterline: boolean;
}

/** A zero-width marker between components; its negative margin cancels the gap, so measured rects stay true. */
function InsertionMarker() {
  return (
    <li aria-hidden="true" data-testid="insertion-marker" className="relative -ml-2 w-0 self-stretch">
      <span className="absolute inset-y-0 -left-[3px] w-1.5 rounded bg-sky-700" />
    </li>
  );
}

/** The waterline inside the band where the running total passes the target. */
export function Waterline({ targetBytes, bottomPercent }: { targetBytes: number; bottomPercent?: number }) {
  const inside = bottomPercent !== undefined;
  return (
    <div
      data-testid="waterline"
      data-bytes={targetBytes}
      data-place={inside ? 'in-layer' : 'above'}
      style={inside ? { bottom: `${bottomPercent}%` } : undefined}
      className={`pointer-events-none flex items-center gap-2 ${inside ? 'absolute inset-x-0 z-10' : 'py-1'}`}
    >
      <span className="h-0 flex-1 border-t-2 border-dashed border-sky-800" />
      <span className="rounded bg-sky-800 px-1.5 py-0.5 text-xs font-semibold text-white">
        <span aria-hidden="true">〰 </span>Waterline: target {formatBytes(targetBytes)}
        {inside ? ' — above it is over budget' : ''}
      </span>
    </div>
  );
}

interface LayerItemsProps {
  layerIndex: number;
  name: string;
  items: LayerItemView[];
  dropPosition: number | null;
  canvas: CanvasLook | null;
}

/** A band's components: list chips, or blocks to scale with the waterline on the canvas. */
export function LayerItems({ layerIndex, name, items, dropPosition, canvas }: LayerItemsProps) {
  const list = (
    <ul
      className={`flex flex-wrap gap-2 ${canvas ? '' : 'mt-2 min-h-10'}`}
      style={canvas ? { minHeight: `${canvas.heightRem}rem` } : undefined}
      aria-label={`Components of layer ${name}`}
    >
      {items.map((item, index) => (
        <Fragment key={item.id}>
          {dropPosition === index ? <InsertionMarker /> : null}
          <StackItem
            componentId={item.id}
            layerIndex={layerIndex}
            index={index}
            name={item.name}
            bytes={item.bytes}
            estimated={item.estimated}
            planned={item.planned}
            componentClass={item.componentClass}
            sizeKnown={item.sizeKnown}
            widthPercent={canvas ? blockWidthPercent(item.bytes, canvas.largestBytes) : undefined}
            heightRem={canvas?.heightRem}
          />
        </Fragment>
      ))}
      {dropPosition !== null && dropPosition >= items.length ? <InsertionMarker /> : null}
      {items.length === 0 ? <li className="self-center text-sm text-slate-700">Empty layer: drop components here.</li> : null}
    </ul>
  );
  if (!canvas) return list;
  return (
    <div
      className={`relative mt-2 rounded ${canvas.aboveWaterline ? 'bg-glacier-bg/60 ring-1 ring-glacier-edge' : ''}`}
      data-above-waterline={canvas.aboveWaterline}
    >
      {canvas.aboveWaterline ? <span className="sr-only">This layer is above the waterline: over budget.</span> : null}
      {list}
      {canvas.waterline !== null ? <Waterline targetBytes={canvas.targetBytes} bottomPercent={canvas.waterline * 100} /> : null}
    </div>
  );
}
