import { createContext, useContext } from 'react';
import type { Budget } from '../../../shared/budget/computeBudget.ts';
import type { CatalogState } from './useCatalogItems.ts';

/** The catalog, fetched once at the top of the page. */
export const CatalogContext = createContext<CatalogState | null>(null);
/** The budget, computed once per design change at the top of the page. */
export const BudgetContext = createContext<Budget | null>(null);

export function useCatalogContext(): CatalogState {
  const value = useContext(CatalogContext);
  if (!value) throw new Error('useCatalogContext outside <CatalogContext>');
  return value;
}

export function useBudgetContext(): Budget {
  const value = useContext(BudgetContext);
  if (!value) throw new Error('useBudgetContext outside <BudgetContext>');
  return value;
}
