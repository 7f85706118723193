import type { EditError } from '../designActions.ts';
import type { Design, Layer } from '../types.ts';

/** What each edit step returns before the result is validated. */
export type StepResult = Design | EditError;

/** Whether a step failed. */
export function isEditError(r: StepResult): r is EditError {
  return 'code' in r && 'message' in r && !('layers' in r);
}

/** An `out-of-range` error unless `i` is an integer in `0..max` (inclusive). */
export function checkIndex(what: string, i: number, max: number): EditError | undefined {
  if (Number.isInteger(i) && i >= 0 && i <= max) return undefined;
  return {
    code: 'out-of-range',
    message:
      max < 0 ? `${what} ${i} is out of range (nothing there)` : `${what} ${i} is out of range (0..${max})`,
  };
}

/** `arrayMove`: a copy with the item at `from` moved so that it ends at `to`. */
export function arrayMove<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}

/** A copy of `list` with `item` inserted at `index`. */
export function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
  return [...list.slice(0, index), item, ...list.slice(index)];
}

/** A copy of `list` without the item at `index`. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  return [...list.slice(0, index), ...list.slice(index + 1)];
}

/** A copy of `design` with layer `layerIndex` replaced by `layer`. */
export function withLayer(design: Design, layerIndex: number, layer: Layer): Design {
  return { ...design, layers: design.layers.map((l, i) => (i === layerIndex ? layer : l)) };
}
