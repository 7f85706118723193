import type { Design } from './types.ts';

/** The default image budget: the seed's 17.5 MB target (decimal). */
export const DEFAULT_TARGET_BYTES = 17_500_000;

/** A fresh design: one empty layer "base", nonroot user, 17.5 MB target. */
export function emptyDesign(): Design {
  return {
    schemaVersion: 1,
    name: 'lago-grey',
    tag: 'latest',
    targetBytes: DEFAULT_TARGET_BYTES,
    layers: [{ name: 'base', components: [] }],
    config: { entrypoint: [], cmd: [], user: '65532:65532', workdir: '/', env: {}, labels: {} },
  };
}
