import type { DraggableAttributes, DraggableSyntheticListeners } from '@dnd-kit/core';
import { memo, useCallback, useMemo, type KeyboardEvent } from 'react';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { exactBytes } from '../budget/budgetLevel.ts';
import { CLASS_LABEL, CLASS_STYLE, CLASS_SYMBOL, type ComponentClass } from '../common/componentClass.ts';
import { itemDragId, type DragData } from '../dnd/dragData.ts';
import { appStore } from '../store/useAppStore.ts';
import { DragBinder, idleAttributes, useArming } from '../dnd/useArmedDraggable.tsx';
import { focusNeighbourOfItem } from './focusAfterRemoval.ts';

export interface StackItemProps {
  componentId: string;
  layerIndex: number;
  index: number;
  name: string;
  bytes: number;
  estimated: boolean;
  planned: boolean;
  componentClass: ComponentClass;
  sizeKnown?: boolean | undefined;
  /** Canvas view: the block's width in % of the band (square-root scale); undefined draws the list chip. */
  widthPercent?: number | undefined;
  /** Canvas view: the block's height in rem (its band's). */
  heightRem?: number | undefined;
}

function isDeleteKey(event: KeyboardEvent) {
  return event.key === 'Delete' || event.key === 'Backspace';
}

type LabelProps = Pick<StackItemProps, 'name' | 'bytes' | 'estimated' | 'planned' | 'componentClass' | 'sizeKnown'>;

function StackItemLabel({ name, bytes, estimated, planned, componentClass, sizeKnown = true }: LabelProps) {
  return (
    <>
      <span aria-hidden="true">{CLASS_SYMBOL[componentClass]}</span>
      <span className="max-w-full truncate font-semibold">{name}</span>
      <span className="sr-only">{CLASS_LABEL[componentClass]},</span>
      {sizeKnown ? (
        <span className="tabular-nums" title={`${bytes.toLocaleString('en-US')} bytes`}>
          {formatBytes(bytes)}
          {estimated ? ' est.' : ''}
        </span>
      ) : (
        <span className="text-slate-700" data-testid="size-loading">
          size loading…
        </span>
      )}
      {planned ? <span className="text-xs font-medium">(planned)</span> : null}
    </>
  );
}

interface StackItemChipProps extends LabelProps {
  componentId: string;
  setNodeRef: ((node: HTMLElement | null) => void) | undefined;
  onArm: () => void;
  onDisarm: (event: object) => void;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  layerIndex: number;
  index: number;
  isDragging: boolean;
  onRemove: () => void;
  widthPercent?: number | undefined;
  heightRem?: number | undefined;
}

/**
 * The chip's DOM. dnd-kit's hooks re-render every sortable whenever the
 * active or over target changes (hundreds on a big design); every prop here
 * is stable during a drag except for the few items it touches, so memo skips
 * the rest.
 */
const StackItemChip = memo(function StackItemChip(props: StackItemChipProps) {
  const { componentId, setNodeRef, attributes, listeners, isDragging, onRemove, name } = props;
  const styles = CLASS_STYLE[props.componentClass];
  const block = props.widthPercent !== undefined;
  return (
    <li
      ref={setNodeRef}
      data-testid={`stack-item-${componentId}`}
      data-slot-layer={props.layerIndex}
      data-slot-index={props.index}
      data-estimated={props.estimated}
      title={
        block
          ? `${name}: ${exactBytes(props.bytes)}${props.estimated ? ' (estimate)' : ' (measured)'}`
          : undefined
      }
      style={
        block
          ? { width: `max(3.25rem, ${props.widthPercent}%)`, height: `${props.heightRem ?? 3}rem` }
          : undefined
      }
      className={`flex overflow-hidden rounded-md border-2 ${styles.chip} ${styles.edge} ${isDragging ? 'opacity-40' : ''} ${
        block ? 'relative items-start' : 'items-stretch'
      } ${block && props.estimated ? 'hatched border-dashed' : ''}`}
    >
      <div
        {...attributes}
        {...listeners}
        onPointerEnter={props.onArm}
        onPointerMove={props.onArm}
        onFocus={props.onArm}
        onPointerLeave={props.onDisarm}
        onBlur={props.onDisarm}
        onKeyDown={(event) => {
          if (isDeleteKey(event)) {
            event.preventDefault();
            focusNeighbourOfItem(event.currentTarget);
            onRemove();
            return;
          }
          listeners?.onKeyDown?.(event);
        }}
        className={
          block
            ? 'flex h-full min-w-0 flex-1 cursor-grab touch-none flex-col items-start gap-0.5 overflow-hidden py-1 pr-5 pl-1.5 text-xs'
            : 'flex cursor-grab touch-none items-center gap-1.5 px-2 py-1 text-sm'
        }
      >
        <StackItemLabel
          name={name}
          bytes={props.bytes}
          estimated={props.estimated}
          planned={props.planned}
          componentClass={props.componentClass}
          sizeKnown={props.sizeKnown}
        />
      </div>
      <button
        type="button"
        aria-label={`Remove ${name}`}
        title={`Remove ${name} (Delete)`}
        onClick={onRemove}
        className={
          block
            ? 'absolute top-0 right-0 rounded-bl bg-white/80 px-1 text-sm leading-none hover:bg-white'
            : 'border-l border-current/30 px-1.5 text-base leading-none hover:bg-white/60'
        }
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
});

/**
 * One component in a layer: a draggable chip with a remove button. It is not
 * a droppable (the band is; the slot comes from rects measured at drag start),
 * and it stays in place while dragged: the overlay follows the pointer and the
 * band draws an insertion marker.
 */
export const StackItem = memo(function StackItem(props: StackItemProps) {
  const { componentId, layerIndex, index } = props;
  const data = useMemo(
    (): DragData => ({ kind: 'item', componentId, layerIndex, index }),
    [componentId, layerIndex, index],
  );
  const arming = useArming(`[data-testid="stack-item-${CSS.escape(componentId)}"]`);
  const { binding } = arming;
  const remove = useCallback(
    () => appStore.getState().edit({ type: 'removeComponent', layerIndex, index }),
    [layerIndex, index],
  );
  return (
    <>
      {arming.armed ? (
        <DragBinder
          id={itemDragId(componentId)}
          data={data}
          disabled={false}
          roleDescription="sortable"
          onBind={arming.onBind}
        />
      ) : null}
      <StackItemChip
        componentId={componentId}
        name={props.name}
        bytes={props.bytes}
        estimated={props.estimated}
        planned={props.planned}
        componentClass={props.componentClass}
        sizeKnown={props.sizeKnown}
        setNodeRef={binding?.setNodeRef}
        attributes={binding?.attributes ?? idleAttributes(false, 'sortable')}
        listeners={binding?.listeners}
        onArm={arming.onArm}
        onDisarm={arming.onDisarm}
        layerIndex={layerIndex}
        index={index}
        isDragging={binding?.isDragging ?? false}
        onRemove={remove}
        widthPercent={props.widthPercent}
        heightRem={props.heightRem}
      />
    </>
  );
});
