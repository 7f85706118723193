import { useDraggable, type DraggableAttributes, type DraggableSyntheticListeners } from '@dnd-kit/core';
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { formatBytes } from '../../../shared/bytes/formatBytes.ts';
import type { CatalogItem } from '../../../shared/catalog/types.ts';
import { ClassBadge } from '../common/ClassBadge.tsx';
import { CLASS_STYLE, classOf } from '../common/componentClass.ts';
import { DND_DESCRIBED_BY_ID, paletteDragId, type DragData } from '../dnd/dragData.ts';

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
        <p className="mt-1 text-xs [overflow-wrap:anywhere] text-glacier-fg">
          <span aria-hidden="true">⚠ </span>Not buildable here: {item.unavailableReason}
        </p>
      ) : null}
    </>
  );
});

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
        className={`block w-full touch-none rounded-md border-l-4 bg-white p-2 text-left shadow-sm ring-1 ring-slate-200 ${
          CLASS_STYLE[classOf(item)].edge
        } ${inDesign ? 'cursor-default opacity-70' : 'cursor-grab hover:ring-slate-400'} ${isDragging ? 'opacity-50' : ''}`}
      >
        <PaletteCardBody item={item} inDesign={inDesign} />
      </div>
    </li>
  );
});

interface Binding {
  setNodeRef: (node: HTMLElement | null) => void;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  isDragging: boolean;
}

interface DragBinderProps {
  componentId: string;
  disabled: boolean;
  onBind: (binding: Binding | null) => void;
}

/**
 * The card's dnd-kit draggable, mounted only while the card is armed. It draws
 * nothing: it hands the hook's values to the card, so the card's DOM (and its
 * focus) stays the same node when the card arms or disarms.
 */
function DragBinder({ componentId, disabled, onBind }: DragBinderProps) {
  const data = useMemo((): DragData => ({ kind: 'palette', componentId }), [componentId]);
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: paletteDragId(componentId), data, disabled });
  useLayoutEffect(() => onBind({ setNodeRef, attributes, listeners, isDragging }), [onBind, setNodeRef, attributes, listeners, isDragging]);
  useLayoutEffect(() => () => onBind(null), [onBind]);
  return null;
}

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
  const [armed, setArmed] = useState(false);
  const [binding, setBinding] = useState<Binding | null>(null);
  const state = useRef({ hovered: false, focused: false, dragging: false });
  const armedRef = useRef(false);
  const handlers = useMemo(() => {
    const settle = () => {
      const s = state.current;
      armedRef.current = s.hovered || s.focused || s.dragging;
      setArmed(armedRef.current);
    };
    return {
      // flushSync: the draggable must be registered before the pointerdown or key that follows.
      onArm: () => {
        state.current.hovered = true;
        if (!armedRef.current) {
          armedRef.current = true;
          flushSync(() => setArmed(true));
        }
      },
      onDisarm: (event: object) => {
        // A pressed button may be a drag dnd-kit has started but React has not
        // yet committed: stay armed; the drag's end settles the card.
        if ('buttons' in event && event.buttons) return;
        // Pointer and focus leave separately: recheck both from the DOM once the event is over.
        const s = state.current;
        queueMicrotask(() => {
          const node = document.querySelector(`[data-testid="palette-item-${CSS.escape(item.id)}"]`);
          s.hovered = node?.matches(':hover') ?? false;
          s.focused = node !== null && node.contains(document.activeElement);
          settle();
        });
      },
      onBind: (next: Binding | null) => {
        setBinding(next);
        const dragging = next?.isDragging ?? false;
        if (state.current.dragging !== dragging) {
          state.current.dragging = dragging;
          if (!dragging) settle();
        }
      },
    };
  }, [item.id]);
  return (
    <>
      {armed ? <DragBinder componentId={item.id} disabled={inDesign} onBind={handlers.onBind} /> : null}
      <PaletteCardDom
        item={item}
        inDesign={inDesign}
        setNodeRef={binding?.setNodeRef}
        attributes={binding?.attributes ?? idleAttributes(inDesign)}
        listeners={binding?.listeners}
        isDragging={binding?.isDragging ?? false}
        onArm={handlers.onArm}
        onDisarm={handlers.onDisarm}
      />
    </>
  );
});

const IDLE_ATTRIBUTES = new Map<boolean, DraggableAttributes>();

/** What useDraggable's attributes would be for an idle card, without subscribing. */
function idleAttributes(disabled: boolean): DraggableAttributes {
  let attributes = IDLE_ATTRIBUTES.get(disabled);
  if (!attributes) {
    attributes = {
      role: 'button',
      tabIndex: 0,
      'aria-disabled': disabled,
      'aria-pressed': undefined,
      'aria-roledescription': 'draggable',
      'aria-describedby': DND_DESCRIBED_BY_ID,
    };
    IDLE_ATTRIBUTES.set(disabled, attributes);
  }
  return attributes;
}
