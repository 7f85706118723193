import { useMemo } from 'react';
import { computeBudget, type Budget } from '../../../shared/budget/computeBudget.ts';
import type { CatalogItem } from '../../../shared/catalog/types.ts';
import { useAppStore } from '../store/useAppStore.ts';

/** The budget of the current design, recomputed only when design or catalog change. */
export function useBudget(items: readonly CatalogItem[]): Budget {
  const design = useAppStore((s) => s.design);
  return useMemo(() => computeBudget(design, items), [design, items]);
}
