import { useQuery } from '@tanstack/react-query';
import type { CatalogItem } from '../../../shared/catalog/types.ts';
import { requestJson } from './requestApi.ts';

export const CATALOG_QUERY_KEY = ['catalog'] as const;

/** The server's catalog: sizes are measured once a component was built. */
export function useCatalog() {
  return useQuery({
    queryKey: CATALOG_QUERY_KEY,
    queryFn: ({ signal }) => requestJson<CatalogItem[]>('/api/catalog', { signal }),
    staleTime: 60_000,
  });
}
