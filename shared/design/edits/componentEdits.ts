import type { ComponentSlot } from '../designActions.ts';
import type { ComponentRef, Design } from '../types.ts';
import { arrayMove, checkIndex, insertAt, removeAt, withLayer, type StepResult } from './editHelpers.ts';

/** Inserts `componentId` into layer `layerIndex` at `index` (may equal the layer's length). */
export function addComponent(
  design: Design,
  layerIndex: number,
  index: number,
  componentId: ComponentRef,
): StepResult {
  const layer = design.layers[layerIndex];
  const bad = checkIndex('layer', layerIndex, design.layers.length - 1);
  if (bad || !layer) return bad ?? { code: 'out-of-range', message: 'no such layer' };
  const badIndex = checkIndex('component index', index, layer.components.length);
  if (badIndex) return badIndex;
  const at = findComponent(design, componentId);
  if (at) {
    const where = design.layers[at.layerIndex]?.name ?? '';
    return { code: 'duplicate-component', message: `"${componentId}" is already in layer "${where}"` };
  }
  return withLayer(design, layerIndex, {
    ...layer,
    components: insertAt(layer.components, index, componentId),
  });
}

/** Moves a component within its layer (arrayMove semantics) or into another layer at `to.index`. */
export function moveComponent(design: Design, from: ComponentSlot, to: ComponentSlot): StepResult {
  const maxLayer = design.layers.length - 1;
  const src = design.layers[from.layerIndex];
  const dst = design.layers[to.layerIndex];
  const bad = checkIndex('layer', from.layerIndex, maxLayer) ?? checkIndex('layer', to.layerIndex, maxLayer);
  if (bad || !src || !dst) return bad ?? { code: 'out-of-range', message: 'no such layer' };
  const badFrom = checkIndex('component index', from.index, src.components.length - 1);
  if (badFrom) return badFrom;
  if (from.layerIndex === to.layerIndex) {
    const badTo = checkIndex('component index', to.index, src.components.length - 1);
    if (badTo) return badTo;
    return withLayer(design, from.layerIndex, {
      ...src,
      components: arrayMove(src.components, from.index, to.index),
    });
  }
  const badTo = checkIndex('component index', to.index, dst.components.length);
  if (badTo) return badTo;
  const ref = src.components[from.index] as ComponentRef;
  const removed = withLayer(design, from.layerIndex, {
    ...src,
    components: removeAt(src.components, from.index),
  });
  return withLayer(removed, to.layerIndex, { ...dst, components: insertAt(dst.components, to.index, ref) });
}

/** Removes the component at `index` of layer `layerIndex`. */
export function removeComponent(design: Design, layerIndex: number, index: number): StepResult {
  const layer = design.layers[layerIndex];
  const bad = checkIndex('layer', layerIndex, design.layers.length - 1);
  if (bad || !layer) return bad ?? { code: 'out-of-range', message: 'no such layer' };
  const badIndex = checkIndex('component index', index, layer.components.length - 1);
  if (badIndex) return badIndex;
  return withLayer(design, layerIndex, { ...layer, components: removeAt(layer.components, index) });
}

/** Where `ref` sits in the design, if anywhere. */
export function findComponent(design: Design, ref: ComponentRef): ComponentSlot | undefined {
  for (const [layerIndex, layer] of design.layers.entries()) {
    const index = layer.components.indexOf(ref);
    if (index >= 0) return { layerIndex, index };
  }
  return undefined;
}
