import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type Over,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useCatalogContext } from '../common/pageContexts.ts';
import { useReducedMotion } from '../common/useReducedMotion.ts';
import { appStore } from '../store/useAppStore.ts';
import { collisionForDrag, droppableIdOf } from './collisionForDrag.ts';
import { describeDragged, describeTarget, type NameOf } from './describeDrag.ts';
import { DND_DESCRIBED_BY_ID, asDragData, asDropData, type DragData } from './dragData.ts';
import { DragPreview } from './DragPreview.tsx';
import { dropSpotKey, getDropSpot, setActiveDrag, setDropSpot, type DropSpot } from './dropSpot.ts';
import { initialKeyboardTarget, keyboardTargets, stepTarget, targetKey } from './keyboardTargets.ts';
import { resolveDrop, type DropTarget } from './resolveDrop.ts';
import { insertionPosition, measureSlotRects, type PageRect } from './slotRects.ts';

const FORWARD: Record<string, boolean> = { ArrowDown: true, ArrowRight: true, ArrowUp: false, ArrowLeft: false };

const screenReaderInstructions = {
  draggable:
    'To pick up, press Space or Enter. Use the arrow keys to move through layers and positions: Down and Right go down the stack, Up and Left go up. Press Space or Enter again to drop, or Escape to cancel.',
};

const AUTO_SCROLL = { threshold: { x: 0, y: 0.2 } };

function asSpot(target: DropTarget | null): DropSpot | null {
  return target && target.kind !== 'layer' ? target : null;
}

/**
 * One drag-and-drop context for the palette and the stack. dnd-kit sees only
 * the layer bands and the new-layer zone; the slot inside a band comes from
 * component rectangles measured once at drag start (`slotRects.ts`) and lives
 * in `dropSpot.ts`, so a pointer move re-renders at most the band that draws
 * the insertion marker.
 */
export function DesignDndProvider({ children }: { children: ReactNode }) {
  const catalog = useCatalogContext();
  const reducedMotion = useReducedMotion();
  const [dragging, setDragging] = useState<DragData | null>(null);
  const keyboardTarget = useRef<DropTarget | null>(null);
  const byKeyboard = useRef(false);
  const slots = useRef<Map<number, PageRect[]>>(new Map());
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const lastAnnounced = useRef('');
  const dropAnnouncement = useRef<string | undefined>(undefined);
  const catalogRef = useRef(catalog);
  catalogRef.current = catalog;

  const nameOf: NameOf = (id) => {
    const planned = appStore.getState().design.planned?.find((p) => p.id === id);
    return catalogRef.current.byId.get(id)?.name ?? planned?.name ?? id;
  };

  // The pointer's own position: dnd-kit's move deltas are scroll-adjusted.
  useEffect(() => {
    if (!dragging) return undefined;
    const track = (event: PointerEvent) => {
      pointer.current = { x: event.clientX, y: event.clientY };
    };
    window.addEventListener('pointermove', track, { capture: true, passive: true });
    return () => window.removeEventListener('pointermove', track, { capture: true });
  }, [dragging]);

  const updatePointerSpot = (drag: DragData | null, over: Over | null) => {
    if (byKeyboard.current || !drag || drag.kind === 'layer') return;
    const drop = asDropData(over?.data.current);
    const at = pointer.current;
    if (!drop || !at) return setDropSpot(null);
    if (drop.kind === 'new-layer') return setDropSpot({ kind: 'new-layer' });
    const rects = slots.current.get(drop.layerIndex) ?? [];
    setDropSpot({
      kind: 'slot',
      layerIndex: drop.layerIndex,
      position: insertionPosition(rects, at.x + window.scrollX, at.y + window.scrollY),
    });
  };

  const keyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
    const forward = FORWARD[event.code];
    const { context, currentCoordinates } = args;
    const drag = asDragData(context.active?.data.current);
    if (forward === undefined || !drag) return sortableKeyboardCoordinates(event, args);
    event.preventDefault();
    const targets = keyboardTargets(appStore.getState().design, drag).filter((t) => context.droppableRects.has(droppableIdOf(t)));
    const next = stepTarget(targets, keyboardTarget.current, forward, targetKey);
    const band = next === null ? undefined : context.droppableRects.get(droppableIdOf(next));
    const from = context.collisionRect;
    if (next === null || !band || !from) return undefined;
    keyboardTarget.current = next;
    setDropSpot(asSpot(next));
    const item = next.kind === 'slot' ? slots.current.get(next.layerIndex)?.[next.position] : undefined;
    const to = item
      ? { x: (item.left + item.right) / 2 - window.scrollX, y: (item.top + item.bottom) / 2 - window.scrollY }
      : { x: band.left + band.width / 2, y: band.top + band.height / 2 };
    return {
      x: currentCoordinates.x + to.x - (from.left + from.width / 2),
      y: currentCoordinates.y + to.y - (from.top + from.height / 2),
    };
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  );
  const collisionDetection = useMemo(() => collisionForDrag(keyboardTarget), []);

  /** "hello is over layer 2 …", only when the slot changed since the last announcement. */
  const announceSpot = (drag: DragData): string | undefined => {
    const spot = byKeyboard.current ? asSpot(keyboardTarget.current) : getDropSpot();
    const key = dropSpotKey(spot);
    if (key === lastAnnounced.current) return undefined;
    lastAnnounced.current = key;
    const design = appStore.getState().design;
    const what = describeDragged(design, drag, nameOf);
    return spot ? `${what} is over ${describeTarget(design, drag, spot)}.` : `${what} is not over a drop target.`;
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const drag = asDragData(active.data.current);
      if (!drag) return undefined;
      const design = appStore.getState().design;
      const picked = `Picked up ${describeDragged(design, drag, nameOf)}.`;
      const target = keyboardTarget.current;
      return byKeyboard.current && target ? `${picked} It is over ${describeTarget(design, drag, target)}.` : picked;
    },
    onDragMove: ({ active }) => {
      const drag = asDragData(active.data.current);
      return drag && drag.kind !== 'layer' ? announceSpot(drag) : undefined;
    },
    onDragOver: ({ active, over }) => {
      const drag = asDragData(active.data.current);
      if (!drag) return undefined;
      if (drag.kind !== 'layer') return announceSpot(drag);
      const design = appStore.getState().design;
      const drop = asDropData(over?.data.current);
      const what = describeDragged(design, drag, nameOf);
      if (drop?.kind !== 'layer') return `${what} is not over a drop target.`;
      return `${what} is over ${describeTarget(design, drag, drop)}.`;
    },
    // Our onDragEnd runs first and words the drop from the design before the edit.
    onDragEnd: () => dropAnnouncement.current,
    onDragCancel: ({ active }) => {
      const drag = asDragData(active.data.current);
      return drag ? `Moving ${describeDragged(appStore.getState().design, drag, nameOf)} was cancelled.` : undefined;
    },
  };

  const finish = () => {
    setDragging(null);
    setDropSpot(null);
    setActiveDrag(null);
    keyboardTarget.current = null;
    pointer.current = null;
  };

  const onDragStart = (event: DragStartEvent) => {
    const drag = asDragData(event.active.data.current);
    byKeyboard.current = event.activatorEvent instanceof KeyboardEvent;
    slots.current = measureSlotRects();
    lastAnnounced.current = '';
    const start = event.activatorEvent as PointerEvent;
    pointer.current = byKeyboard.current ? null : { x: start.clientX, y: start.clientY };
    keyboardTarget.current = byKeyboard.current && drag ? initialKeyboardTarget(appStore.getState().design, drag) : null;
    setDropSpot(asSpot(keyboardTarget.current));
    if (byKeyboard.current) lastAnnounced.current = dropSpotKey(asSpot(keyboardTarget.current));
    setDragging(drag);
    setActiveDrag(drag);
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const drag = asDragData(active.data.current);
    const drop = asDropData(over?.data.current);
    const spot = byKeyboard.current ? keyboardTarget.current : getDropSpot();
    finish();
    const state = appStore.getState();
    const what = drag ? describeDragged(state.design, drag, nameOf) : 'The item';
    const target: DropTarget | null =
      drag?.kind === 'layer' ? (drop?.kind === 'layer' ? drop : null) : over && spot ? spot : null;
    if (!drag || !target) {
      dropAnnouncement.current = `${what} was dropped outside any target; nothing changed.`;
      return;
    }
    dropAnnouncement.current = `${what} was dropped into ${describeTarget(state.design, drag, target)}.`;
    const action = resolveDrop(state.design, drag, target);
    if (!action) return;
    const result = state.edit(action);
    if (!result.ok) dropAnnouncement.current = `${what} could not be dropped there: ${result.error.message}`;
  };

  return (
    <DndContext
      id={DND_DESCRIBED_BY_ID}
      sensors={sensors}
      collisionDetection={collisionDetection}
      // Only vertical auto-scroll: the drag leaves the palette sideways, and
      // scrolling it sideways pushed its cards out of view.
      autoScroll={AUTO_SCROLL}
      accessibility={{ announcements, screenReaderInstructions }}
      onDragStart={onDragStart}
      onDragMove={({ active, over }) => updatePointerSpot(asDragData(active.data.current), over)}
      onDragOver={({ active, over }) => updatePointerSpot(asDragData(active.data.current), over)}
      onDragEnd={onDragEnd}
      onDragCancel={finish}
    >
      {children}
      <DragOverlay dropAnimation={reducedMotion ? null : undefined}>
        {dragging ? <DragPreview drag={dragging} nameOf={nameOf} /> : null}
      </DragOverlay>
    </DndContext>
  );
}
