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
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useCatalogContext } from '../common/pageContexts.ts';
import { useReducedMotion } from '../common/useReducedMotion.ts';
import { appStore } from '../store/useAppStore.ts';
import { collisionForDrag, isPastCentre } from './collisionForDrag.ts';
import { describeDragged, describeTarget, type NameOf } from './describeDrag.ts';
import { DND_DESCRIBED_BY_ID, asDragData, asDropData, type DragData } from './dragData.ts';
import { DragPreview } from './DragPreview.tsx';
import { keyboardTargets, stepTarget } from './keyboardTargets.ts';
import { resolveDrop } from './resolveDrop.ts';

const FORWARD: Record<string, boolean> = { ArrowDown: true, ArrowRight: true, ArrowUp: false, ArrowLeft: false };

const screenReaderInstructions = {
  draggable:
    'To pick up, press Space or Enter. Use the arrow keys to move through layers and positions: Down and Right go down the stack, Up and Left go up. Press Space or Enter again to drop, or Escape to cancel.',
};

/** One drag-and-drop context for the palette and the stack. */
export function DesignDndProvider({ children }: { children: ReactNode }) {
  const catalog = useCatalogContext();
  const reducedMotion = useReducedMotion();
  const [dragging, setDragging] = useState<DragData | null>(null);
  const keyboardTarget = useRef<UniqueIdentifier | null>(null);
  const dropAnnouncement = useRef<string | undefined>(undefined);
  const catalogRef = useRef(catalog);
  catalogRef.current = catalog;

  const nameOf: NameOf = (id) => {
    const planned = appStore.getState().design.planned?.find((p) => p.id === id);
    return catalogRef.current.byId.get(id)?.name ?? planned?.name ?? id;
  };

  const keyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
    const forward = FORWARD[event.code];
    const { context, currentCoordinates } = args;
    const drag = asDragData(context.active?.data.current);
    if (forward === undefined || !drag) return sortableKeyboardCoordinates(event, args);
    event.preventDefault();
    const targets = keyboardTargets(appStore.getState().design, drag).filter((id) => context.droppableRects.has(id));
    const next = stepTarget(targets, keyboardTarget.current ?? context.over?.id ?? null, forward);
    const rect = next === null ? undefined : context.droppableRects.get(next);
    const from = context.collisionRect;
    if (next === null || !rect || !from) return undefined;
    keyboardTarget.current = next;
    return {
      x: currentCoordinates.x + rect.left + rect.width / 2 - (from.left + from.width / 2),
      y: currentCoordinates.y + rect.top + rect.height / 2 - (from.top + from.height / 2),
    };
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  );
  const collisionDetection = useMemo(() => collisionForDrag(keyboardTarget), []);

  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      const drag = asDragData(active.data.current);
      return drag ? `Picked up ${describeDragged(appStore.getState().design, drag, nameOf)}.` : undefined;
    },
    onDragOver: ({ active, over }) => {
      const drag = asDragData(active.data.current);
      const drop = asDropData(over?.data.current);
      if (!drag) return undefined;
      const design = appStore.getState().design;
      const what = describeDragged(design, drag, nameOf);
      if (!drop) return `${what} is not over a drop target.`;
      return `${what} is over ${describeTarget(design, drag, drop)}.`;
    },
    // Our onDragEnd runs first and words the drop from the design before the edit.
    onDragEnd: () => dropAnnouncement.current,
    onDragCancel: ({ active }) => {
      const drag = asDragData(active.data.current);
      return drag ? `Moving ${describeDragged(appStore.getState().design, drag, nameOf)} was cancelled.` : undefined;
    },
  };

  const onDragStart = (event: DragStartEvent) => {
    keyboardTarget.current = null;
    setDragging(asDragData(event.active.data.current));
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    keyboardTarget.current = null;
    const drag = asDragData(active.data.current);
    const drop = asDropData(over?.data.current);
    const state = appStore.getState();
    const what = drag ? describeDragged(state.design, drag, nameOf) : 'The item';
    if (!drag || !drop || !over) {
      dropAnnouncement.current = `${what} was dropped outside any target; nothing changed.`;
      return;
    }
    dropAnnouncement.current = `${what} was dropped into ${describeTarget(state.design, drag, drop)}.`;
    const after = drop.kind === 'item' && isPastCentre(active, over);
    const action = resolveDrop(state.design, drag, drop, after);
    if (!action) return;
    const result = state.edit(action);
    if (!result.ok) dropAnnouncement.current = `${what} could not be dropped there: ${result.error.message}`;
  };

  return (
    <DndContext
      id={DND_DESCRIBED_BY_ID}
      sensors={sensors}
      collisionDetection={collisionDetection}
      accessibility={{ announcements, screenReaderInstructions }}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setDragging(null);
        keyboardTarget.current = null;
      }}
    >
      {children}
      <DragOverlay dropAnimation={reducedMotion ? null : undefined}>
        {dragging ? <DragPreview drag={dragging} nameOf={nameOf} /> : null}
      </DragOverlay>
    </DndContext>
  );
}
