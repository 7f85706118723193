/**
 * The design use cases (create, revise with optimistic locking, list,
 * soft-delete, restore), backed by SQLite. Routes receive the interface, never
 * the database.
 */
import type Database from 'better-sqlite3';
import { computeBudget } from '../../shared/budget/computeBudget.ts';
import { staticCatalogItems } from '../../shared/catalog/staticCatalogItems.ts';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import type { Design } from '../../shared/design/types.ts';
import { validateDesign } from '../../shared/design/validateDesign.ts';
import { DesignService, type ValidateDesign } from '../db/DesignService.ts';

export type DesignUseCases = Pick<
  DesignService,
  'list' | 'listDeleted' | 'create' | 'get' | 'update' | 'delete' | 'restore' | 'purgeExpired'
>;

export interface DesignUseCaseOptions {
  db: Database.Database;
  /** Catalog items besides the static ones (uploads), for the stored total size. */
  extraItems?: () => CatalogItem[];
  validate?: ValidateDesign;
  now?: () => Date;
}

/** Also purges soft deletes past their 30 days (once, at creation, i.e. at start). */
export function createDesignUseCases(opts: DesignUseCaseOptions): DesignUseCases {
  const service = new DesignService({
    db: opts.db,
    validate: opts.validate ?? ((input) => validateDesign(input)),
    totalBytes: (design: Design) =>
      computeBudget(design, [...staticCatalogItems(), ...(opts.extraItems?.() ?? [])]).totalBytes,
    ...(opts.now ? { now: opts.now } : {}),
  });
  service.purgeExpired();
  return service;
}
