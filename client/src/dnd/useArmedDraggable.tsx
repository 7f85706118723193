import { useDraggable, type DraggableAttributes, type DraggableSyntheticListeners } from '@dnd-kit/core';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { DND_DESCRIBED_BY_ID, type DragData } from './dragData.ts';

export interface Binding {
  setNodeRef: (node: HTMLElement | null) => void;
  attributes: DraggableAttributes;
  listeners: DraggableSyntheticListeners;
  isDragging: boolean;
}

interface DragBinderProps {
  id: string;
  data: DragData;
  disabled: boolean;
  roleDescription: string;
  onBind: (binding: Binding | null) => void;
}

/**
 * The dnd-kit draggable, mounted only while its element is armed. It draws
 * nothing: it hands the hook's values to the element, so the element's DOM
 * (and its focus) stays the same node when it arms or disarms.
 */
export function DragBinder({ id, data, disabled, roleDescription, onBind }: DragBinderProps) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id,
    data,
    disabled,
    attributes: { roleDescription },
  });
  useLayoutEffect(
    () => onBind({ setNodeRef, attributes, listeners, isDragging }),
    [onBind, setNodeRef, attributes, listeners, isDragging],
  );
  useLayoutEffect(() => () => onBind(null), [onBind]);
  return null;
}

export interface Arming {
  armed: boolean;
  binding: Binding | null;
  onArm: () => void;
  onDisarm: (event: object) => void;
  onBind: (binding: Binding | null) => void;
}

/**
 * Every useDraggable re-renders whenever a drag starts, ends or changes its
 * over target; with 300 palette cards and 400 stack items that was most of a
 * drag's start and drop. So an element registers with dnd-kit only while the
 * pointer or focus is on it (both always come before the pointerdown or key
 * that starts a drag) and until its drag ends. `selector` finds the element
 * again to recheck :hover and focus.
 */
export function useArming(selector: string): Arming {
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
        // yet committed: stay armed; the drag's end settles the element.
        if ('buttons' in event && event.buttons) return;
        // Pointer and focus leave separately: recheck both from the DOM once the event is over.
        const s = state.current;
        queueMicrotask(() => {
          const node = document.querySelector(selector);
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
  }, [selector]);
  return { armed, binding, ...handlers };
}

const IDLE_ATTRIBUTES = new Map<string, DraggableAttributes>();

/** What useDraggable's attributes would be for an idle element, without subscribing. */
export function idleAttributes(disabled: boolean, roleDescription = 'draggable'): DraggableAttributes {
  const key = `${disabled}:${roleDescription}`;
  let attributes = IDLE_ATTRIBUTES.get(key);
  if (!attributes) {
    attributes = {
      role: 'button',
      tabIndex: 0,
      'aria-disabled': disabled,
      'aria-pressed': undefined,
      'aria-roledescription': roleDescription,
      'aria-describedby': DND_DESCRIBED_BY_ID,
    };
    IDLE_ATTRIBUTES.set(key, attributes);
  }
  return attributes;
}
