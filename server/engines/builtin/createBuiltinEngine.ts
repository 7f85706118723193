/** The builtin engine behind the `Engine` contract. */
import type { Engine } from '../types.ts';
import { buildOciImage } from './buildOciImage.ts';
import { GZIP_LEVEL } from './writeLayerBlob.ts';

/** Names what the output depends on besides the input: the deflate level and Node's zlib. */
export const BUILTIN_VERSION = `lago-grey-builtin 1 (gzip -${GZIP_LEVEL}, zlib ${process.versions.zlib})`;

export function createBuiltinEngine(): Engine {
  return {
    name: 'builtin',
    version: () => Promise.resolve(BUILTIN_VERSION),
    build: async (input) => {
      const built = await buildOciImage(input);
      return { imageDigest: built.imageDigest, archivePath: built.archivePath };
    },
  };
}
