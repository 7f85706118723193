import { useMemo } from 'react';
import type { CatalogItem } from '../../../shared/catalog/types.ts';
import { staticCatalogItems } from '../../../shared/catalog/staticCatalogItems.ts';
import { useCatalog } from '../api/useCatalog.ts';

export interface CatalogState {
  items: readonly CatalogItem[];
  /** `fallback`: the server could not be reached, sizes are the static estimates. */
  source: 'loading' | 'server' | 'fallback';
  byId: ReadonlyMap<string, CatalogItem>;
}

const NONE: readonly CatalogItem[] = [];

/** The catalog the page works with, indexed by id. */
export function useCatalogItems(): CatalogState {
  const query = useCatalog();
  const source = query.data ? 'server' : query.isError ? 'fallback' : 'loading';
  const items = useMemo(
    () => query.data ?? (source === 'fallback' ? staticCatalogItems() : NONE),
    [query.data, source],
  );
  const byId = useMemo(() => new Map(items.map((item) => [item.id, item])), [items]);
  return { items, source, byId };
}
