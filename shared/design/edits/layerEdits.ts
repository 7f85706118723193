import { MAX_LAYERS } from '../schema.ts';
import type { ComponentRef, Design } from '../types.ts';
import { arrayMove, checkIndex, insertAt, removeAt, withLayer, type StepResult } from './editHelpers.ts';

/** Inserts a new layer at `index` (0 = bottom; may equal the layer count). */
export function addLayer(
  design: Design,
  index: number,
  name: string,
  components: readonly ComponentRef[] = [],
): StepResult {
  if (design.layers.length >= MAX_LAYERS) {
    return { code: 'too-many-layers', message: `a design may have at most ${MAX_LAYERS} layers` };
  }
  const bad = checkIndex('layer index', index, design.layers.length);
  if (bad) return bad;
  return { ...design, layers: insertAt(design.layers, index, { name, components: [...components] }) };
}

/** Renames layer `layerIndex`. */
export function renameLayer(design: Design, layerIndex: number, name: string): StepResult {
  const layer = design.layers[layerIndex];
  const bad = checkIndex('layer', layerIndex, design.layers.length - 1);
  if (bad || !layer) return bad ?? { code: 'out-of-range', message: 'no such layer' };
  return withLayer(design, layerIndex, { ...layer, name });
}

/** Moves layer `from` so that it ends at index `to` (arrayMove semantics). */
export function moveLayer(design: Design, from: number, to: number): StepResult {
  const max = design.layers.length - 1;
  const bad = checkIndex('layer', from, max) ?? checkIndex('layer', to, max);
  if (bad) return bad;
  return { ...design, layers: arrayMove(design.layers, from, to) };
}

/** Removes layer `layerIndex` with its components; the last layer cannot be removed. */
export function removeLayer(design: Design, layerIndex: number): StepResult {
  const bad = checkIndex('layer', layerIndex, design.layers.length - 1);
  if (bad) return bad;
  if (design.layers.length === 1) {
    return { code: 'last-layer', message: 'an image needs at least one layer; add another layer first' };
  }
  return { ...design, layers: removeAt(design.layers, layerIndex) };
}
