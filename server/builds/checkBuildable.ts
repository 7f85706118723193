/**
 * Whether every component of a (schema-valid) design can be built on this
 * server right now. Planned placeholders and unavailable components block a
 * build; the error names all of them and the path of the first.
 */
import type { CatalogItem } from '../../shared/catalog/types.ts';
import { isPlannedRef } from '../../shared/design/componentRefs.ts';
import type { Design } from '../../shared/design/types.ts';
import { AppError } from '../errors/AppError.ts';
import { joinPath } from '../http/issuePath.ts';

interface Located {
  ref: string;
  path: string;
}

export function checkBuildable(
  design: Design,
  catalog: readonly CatalogItem[],
  pathPrefix = '',
): AppError | undefined {
  const byId = new Map(catalog.map((i) => [i.id, i]));
  const planned: Located[] = [];
  const unknown: Located[] = [];
  const unavailable: Array<Located & { reason: string }> = [];
  design.layers.forEach((layer, li) =>
    layer.components.forEach((ref, ci) => {
      const path = joinPath(pathPrefix, `layers[${li}].components[${ci}]`);
      const item = byId.get(ref);
      if (isPlannedRef(ref)) planned.push({ ref, path });
      else if (item === undefined) unknown.push({ ref, path });
      else if (!item.available)
        unavailable.push({ ref, path, reason: item.unavailableReason ?? 'not available here' });
    }),
  );
  const first = <T extends Located>(list: T[]): T => list[0] as T;
  if (unknown.length > 0) {
    return new AppError(
      'unknown_component',
      400,
      `unknown component${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u.ref}"`).join(', ')}: ` +
        "not in this server's catalog (an upload must be uploaded to this server first)",
      first(unknown).path,
    );
  }
  if (planned.length > 0) {
    const names = planned.map((p) => {
      const entry = design.planned?.find((d) => d.id === p.ref);
      return entry ? `"${entry.name}" (${p.ref})` : p.ref;
    });
    return new AppError(
      'planned_components',
      422,
      `planned component${planned.length > 1 ? 's' : ''} ${names.join(', ')} cannot be built yet: ` +
        'replace each with a real component or an uploaded binary, or remove it',
      first(planned).path,
    );
  }
  if (unavailable.length > 0) {
    return new AppError(
      'components_unavailable',
      422,
      `not buildable on this server: ${unavailable.map((u) => `"${u.ref}" (${u.reason})`).join('; ')}`,
      first(unavailable).path,
    );
  }
  return undefined;
}
