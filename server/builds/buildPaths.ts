/**
 * Where a build's files live: `${dataDir}/builds/<id>/`. Ids are random
 * UUIDs; anything else is rejected before it can become a path.
 */
import path from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isBuildId(id: string): boolean {
  return UUID.test(id);
}

export interface BuildPaths {
  dir: string;
  /** `Containerfile` + `layers/NN-slug/…`, as `GET /api/builds/:id/context` serves it. */
  contextDir: string;
  /** The OCI archive, as `GET /api/builds/:id/image` serves it. */
  archivePath: string;
}

export function buildPaths(dataDir: string, id: string): BuildPaths {
  if (!isBuildId(id)) throw new Error(`not a build id: ${JSON.stringify(id)}`);
  const dir = path.join(dataDir, 'builds', id);
  return { dir, contextDir: path.join(dir, 'context'), archivePath: path.join(dir, 'image.oci.tar') };
}
