/** Catalog, health and Containerfile: the read-only use cases. */
import type { HealthResponse } from '../../shared/api/types.ts';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import { generateContainerfile } from '../../shared/containerfile/generateContainerfile.ts';
import type { UseCaseDeps } from './UseCaseDeps.ts';
import { validateDesignInput } from './validateDesignInput.ts';

export function getHealth(deps: Pick<UseCaseDeps, 'tools'>): Promise<HealthResponse> {
  return deps.tools.health();
}

export async function listCatalog(deps: Pick<UseCaseDeps, 'ports'>): Promise<readonly CatalogItem[]> {
  return deps.ports.components.catalogItems();
}

export async function renderContainerfile(deps: Pick<UseCaseDeps, 'ports'>, body: unknown): Promise<string> {
  const design = validateDesignInput(body);
  const items = await deps.ports.components.catalogItems();
  return generateContainerfile(design, items);
}
