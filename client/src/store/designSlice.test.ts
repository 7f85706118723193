import { describe, expect, it } from 'vitest';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import { createAppStore } from './createAppStore.ts';
import { HISTORY_LIMIT } from './designSlice.ts';

describe('design slice', () => {
  it('applies a shared edit and undoes/redoes it', () => {
    const store = createAppStore();
    const before = store.getState().design;
    const result = store.getState().edit({ type: 'addComponent', layerIndex: 0, index: 0, componentId: 'hello' });
    expect(result.ok).toBe(true);
    expect(store.getState().design.layers[0]?.components).toEqual(['hello']);
    store.getState().undo();
    expect(store.getState().design).toBe(before);
    store.getState().redo();
    expect(store.getState().design.layers[0]?.components).toEqual(['hello']);
  });

  it('keeps the design and reports the error when an edit is refused', () => {
    const store = createAppStore();
    store.getState().edit({ type: 'addComponent', layerIndex: 0, index: 0, componentId: 'hello' });
    const design = store.getState().design;
    const result = store.getState().edit({ type: 'addComponent', layerIndex: 0, index: 1, componentId: 'hello' });
    expect(result.ok).toBe(false);
    expect(store.getState().design).toBe(design);
    expect(store.getState().lastEditError).toMatch(/hello/);
    expect(store.getState().past).toHaveLength(1);
  });

  it('undoes at least 100 steps, and caps the history', () => {
    const store = createAppStore();
    const first = store.getState().design;
    for (let i = 0; i < 150; i++) {
      store.getState().edit({ type: 'renameLayer', layerIndex: 0, name: `layer-${i}` });
    }
    expect(store.getState().past).toHaveLength(150);
    for (let i = 0; i < 150; i++) store.getState().undo();
    expect(store.getState().design).toBe(first);
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) {
      store.getState().edit({ type: 'renameLayer', layerIndex: 0, name: `again-${i}` });
    }
    expect(store.getState().past).toHaveLength(HISTORY_LIMIT);
  });

  it('a new edit clears the redo stack', () => {
    const store = createAppStore();
    store.getState().edit({ type: 'renameLayer', layerIndex: 0, name: 'one' });
    store.getState().undo();
    expect(store.getState().future).toHaveLength(1);
    store.getState().edit({ type: 'renameLayer', layerIndex: 0, name: 'two' });
    expect(store.getState().future).toHaveLength(0);
  });

  it('coalesces a run of edits with the same key into one undo step', () => {
    const store = createAppStore();
    const first = store.getState().design;
    for (const name of ['a', 'ap', 'app']) {
      store.getState().edit({ type: 'renameLayer', layerIndex: 0, name }, { coalesceKey: 'rename:0' });
    }
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().design).toBe(first);
  });

  it('loadDesign replaces without history', () => {
    const store = createAppStore();
    store.getState().edit({ type: 'renameLayer', layerIndex: 0, name: 'x' });
    const fresh = emptyDesign();
    store.getState().loadDesign(fresh);
    expect(store.getState().design).toBe(fresh);
    expect(store.getState().past).toHaveLength(0);
  });
});
