import { describe, expect, it } from 'vitest';
import { emptyDesign } from '../../../shared/design/emptyDesign.ts';
import { TEMPLATES } from '../../../shared/design/templates.ts';
import { CORRUPT_KEY_PREFIX, DESIGN_STORAGE_KEY, loadStoredDesign, saveStoredDesign } from './designStorage.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('design storage', () => {
  it('starts with the empty design on a first visit', () => {
    expect(loadStoredDesign(memoryStorage())).toEqual({ design: emptyDesign() });
  });

  it('round-trips a saved design', () => {
    const storage = memoryStorage();
    const design = structuredClone(TEMPLATES[0]!.design);
    expect(saveStoredDesign(storage, design)).toBe(true);
    expect(loadStoredDesign(storage).design).toEqual(design);
  });

  it('sets corrupt JSON aside with a notice', () => {
    const storage = memoryStorage({ [DESIGN_STORAGE_KEY]: '{not json' });
    const loaded = loadStoredDesign(storage, 42);
    expect(loaded.design).toEqual(emptyDesign());
    expect(loaded.notice).toContain(`${CORRUPT_KEY_PREFIX}42`);
    expect(storage.data.get(`${CORRUPT_KEY_PREFIX}42`)).toBe('{not json');
  });

  it('sets a schema-invalid design aside, naming the problem', () => {
    const bad = { ...emptyDesign(), layers: [{ name: 'base', components: ['libfoo'] }] };
    const storage = memoryStorage({ [DESIGN_STORAGE_KEY]: JSON.stringify(bad) });
    const loaded = loadStoredDesign(storage, 7);
    expect(loaded.design).toEqual(emptyDesign());
    expect(loaded.notice).toMatch(/libfoo/);
  });

  it('survives a storage that throws', () => {
    const storage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    expect(loadStoredDesign(storage).design).toEqual(emptyDesign());
    expect(saveStoredDesign(storage, emptyDesign())).toBe(false);
  });
});
