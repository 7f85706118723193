import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo, useCallback, useMemo, type KeyboardEvent } from 'react';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import { CLASS_LABEL, CLASS_STYLE, CLASS_SYMBOL, type ComponentClass } from '../common/componentClass.ts';
import { itemDragId, type DragData } from '../dnd/dragData.ts';
import { appStore } from '../store/useAppStore.ts';
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
  reducedMotion: boolean;
}

function isDeleteKey(event: KeyboardEvent) {
  return event.key === 'Delete' || event.key === 'Backspace';
}

/** The chip's text; memoised apart from the drag hooks, which re-render on every target change. */
const StackItemLabel = memo(function StackItemLabel(props: Pick<StackItemProps, 'name' | 'bytes' | 'estimated' | 'planned' | 'componentClass'>) {
  const { name, bytes, estimated, planned, componentClass } = props;
  return (
    <>
      <span aria-hidden="true">{CLASS_SYMBOL[componentClass]}</span>
      <span className="font-semibold">{name}</span>
      <span className="sr-only">{CLASS_LABEL[componentClass]},</span>
      <span className="tabular-nums" title={`${bytes.toLocaleString('en-US')} bytes`}>
        {formatBytes(bytes)}
        {estimated ? ' est.' : ''}
      </span>
      {planned ? <span className="text-xs font-medium">(planned)</span> : null}
    </>
  );
});

const RemoveItemButton = memo(function RemoveItemButton({ name, onRemove }: { name: string; onRemove: () => void }) {
  return (
    <button
      type="button"
      aria-label={`Remove ${name}`}
      title={`Remove ${name} (Delete)`}
      onClick={onRemove}
      className="border-l border-current/30 px-1.5 text-base leading-none hover:bg-white/60"
    >
      <span aria-hidden="true">×</span>
    </button>
  );
});

/** One component in a layer: sortable chip with a remove button. */
export const StackItem = memo(function StackItem(props: StackItemProps) {
  const { componentId, layerIndex, index, name, bytes, estimated, planned, componentClass, reducedMotion } = props;
  const data = useMemo((): DragData => ({ kind: 'item', componentId, layerIndex, index }), [componentId, layerIndex, index]);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging, isOver } = useSortable({
    id: itemDragId(componentId),
    data,
  });
  const remove = useCallback(() => appStore.getState().edit({ type: 'removeComponent', layerIndex, index }), [layerIndex, index]);
  const style = { transform: CSS.Translate.toString(transform), transition: reducedMotion ? undefined : transition };
  const styles = CLASS_STYLE[componentClass];
  return (
    <li
      ref={setNodeRef}
      style={style}
      data-testid={`stack-item-${componentId}`}
      className={`flex items-stretch overflow-hidden rounded-md border-2 ${styles.chip} ${styles.edge} ${
        isDragging ? 'opacity-40' : ''
      } ${isOver && !isDragging ? 'ring-2 ring-slate-900' : ''}`}
    >
      <div
        {...attributes}
        {...listeners}
        onKeyDown={(event) => {
          if (isDeleteKey(event)) {
            event.preventDefault();
            focusNeighbourOfItem(event.currentTarget);
            remove();
            return;
          }
          listeners?.onKeyDown?.(event);
        }}
        className="flex cursor-grab touch-none items-center gap-1.5 px-2 py-1 text-sm"
      >
        <StackItemLabel name={name} bytes={bytes} estimated={estimated} planned={planned} componentClass={componentClass} />
      </div>
      <RemoveItemButton name={name} onRemove={remove} />
    </li>
  );
});
