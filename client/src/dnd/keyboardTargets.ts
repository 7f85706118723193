import type { Design } from '../../../shared/design/types.ts';
import type { DragData } from './dragData.ts';
import type { DropTarget } from './resolveDrop.ts';

/** A stable key for a target (the arrow keys compare them). */
export function targetKey(target: DropTarget): string {
  if (target.kind === 'new-layer') return 'new-layer';
  return target.kind === 'slot' ? `slot:${target.layerIndex}:${target.position}` : `layer:${target.layerIndex}`;
}

/**
 * Drop targets in reading order (top of the stack first), which arrow keys
 * step through: the new-layer zone, then per layer the slot before each of
 * its components and its end. A moved item skips the slot just after itself
 * (the same place as the slot before it).
 */
export function keyboardTargets(design: Design, drag: DragData): DropTarget[] {
  const targets: DropTarget[] = [];
  if (drag.kind === 'layer') {
    for (let i = design.layers.length - 1; i >= 0; i--) targets.push({ kind: 'layer', layerIndex: i });
    return targets;
  }
  targets.push({ kind: 'new-layer' });
  for (let i = design.layers.length - 1; i >= 0; i--) {
    const count = design.layers[i]?.components.length ?? 0;
    for (let position = 0; position <= count; position++) {
      if (drag.kind === 'item' && drag.layerIndex === i && position === drag.index + 1) continue;
      targets.push({ kind: 'slot', layerIndex: i, position });
    }
  }
  return targets;
}

/**
 * Where a keyboard drag starts. A palette card starts at the end of the base
 * layer while the design is empty (the empty state says to drop onto base),
 * else at the end of the top layer; an item or layer starts at its own place.
 */
export function initialKeyboardTarget(design: Design, drag: DragData): DropTarget | null {
  if (drag.kind === 'layer') return { kind: 'layer', layerIndex: drag.layerIndex };
  if (drag.kind === 'item') return { kind: 'slot', layerIndex: drag.layerIndex, position: drag.index };
  if (design.layers.length === 0) return { kind: 'new-layer' };
  const empty = design.layers.every((l) => l.components.length === 0);
  const layerIndex = empty ? 0 : design.layers.length - 1;
  return { kind: 'slot', layerIndex, position: design.layers[layerIndex]?.components.length ?? 0 };
}

/** The next target for an arrow key: Down/Right go forward, Up/Left back. */
export function stepTarget<T>(targets: readonly T[], current: T | null, forward: boolean, key: (t: T) => string): T | null {
  if (targets.length === 0) return null;
  const currentKey = current === null ? null : key(current);
  const index = currentKey === null ? -1 : targets.findIndex((t) => key(t) === currentKey);
  if (index === -1) return forward ? (targets[0] ?? null) : (targets.at(-1) ?? null);
  const next = Math.min(targets.length - 1, Math.max(0, index + (forward ? 1 : -1)));
  return targets[next] ?? null;
}
