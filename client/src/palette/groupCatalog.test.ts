import { describe, expect, it } from 'vitest';
import { staticCatalogItems } from '../../../shared/catalog/staticCatalogItems.ts';
import { groupCatalog } from './groupCatalog.ts';

describe('groupCatalog', () => {
  it('groups by formation in the order Floes, Icebergs, Glaciers', () => {
    const groups = groupCatalog(staticCatalogItems(), '');
    expect(groups.map((g) => g.title)).toEqual(['Floes', 'Icebergs', 'Glaciers']);
    expect(groups[0]?.items.some((i) => i.id === 'hello')).toBe(true);
    expect(groups[2]?.items.some((i) => i.id === 'python-runtime')).toBe(true);
  });

  it('filters by every word of the search', () => {
    const groups = groupCatalog(staticCatalogItems(), 'HELLO');
    expect(groups.flatMap((g) => g.items.map((i) => i.id))).toEqual(['hello']);
  });
});
