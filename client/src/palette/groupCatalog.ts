import type { CatalogItem, Formation } from '../../../shared/catalog/types.ts';

export interface CatalogGroup {
  formation: Formation;
  title: string;
  items: CatalogItem[];
}

const GROUPS: readonly { formation: Formation; title: string }[] = [
  { formation: 'floe', title: 'Floes' },
  { formation: 'iceberg', title: 'Icebergs' },
  { formation: 'glacier', title: 'Glaciers' },
];

/** Filters by a search text (name, id, summary, category) and groups by formation. */
export function groupCatalog(items: readonly CatalogItem[], search: string): CatalogGroup[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (item: CatalogItem) => {
    const text = `${item.name} ${item.id} ${item.summary} ${item.category}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  const found = items.filter(matches);
  return GROUPS.map((g) => ({ ...g, items: found.filter((item) => item.formation === g.formation) }));
}
