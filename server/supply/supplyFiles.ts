/** File names of the supply-chain outputs inside a build dir. */
export type SbomFormat = 'spdx' | 'cyclonedx';

export const SBOM_FILES = { spdx: 'sbom.spdx.json', cyclonedx: 'sbom.cdx.json' } as const satisfies Record<
  SbomFormat,
  string
>;
export const SIGNATURE_FILE = 'signature.json';
