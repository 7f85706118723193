import { describe, expect, it } from 'vitest';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import { createAppStore } from './createAppStore.ts';
import { saveStateOf } from './savedSlice.ts';

describe('savedSlice', () => {
  it('tells unsaved, saved and changed apart', () => {
    const store = createAppStore();
    expect(saveStateOf(store.getState())).toBe('unsaved');
    store.getState().markSaved('d1', 1, store.getState().design);
    expect(saveStateOf(store.getState())).toBe('saved');
    store.getState().edit({ type: 'setMeta', tag: 'v2' });
    expect(saveStateOf(store.getState())).toBe('changed');
    store.getState().undo();
    expect(saveStateOf(store.getState())).toBe('saved');
  });

  it('opening a stored copy replaces the design without undo history', () => {
    const store = createAppStore();
    store.getState().edit({ type: 'setMeta', tag: 'local' });
    const design = { ...emptyDesign(), name: 'server-copy' };
    store.getState().openStored({ id: 'd2', revision: 4, updatedAt: '2026-01-01T00:00:00.000Z', design });
    expect(store.getState().design.name).toBe('server-copy');
    expect(store.getState().past).toHaveLength(0);
    expect(store.getState().saved).toMatchObject({ id: 'd2', revision: 4 });
    expect(saveStateOf(store.getState())).toBe('saved');
  });
});
