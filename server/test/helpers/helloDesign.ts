import type { Design } from '../../../shared/design/types.ts';

/**
 * The smallest design that builds and runs: the base skeleton plus the Zig
 * `hello` (compiled for real), entrypoint `/usr/bin/hello`, nonroot, tag `1`.
 */
export function helloDesign(name: string): Design {
  return {
    schemaVersion: 1,
    name,
    tag: '1',
    targetBytes: 17_500_000,
    layers: [
      { name: 'base', components: ['lago-grey-base'] },
      { name: 'app', components: ['hello'] },
    ],
    config: {
      entrypoint: ['/usr/bin/hello'],
      cmd: [],
      user: '65532:65532',
      workdir: '/',
      env: {},
      labels: {},
    },
  };
}
