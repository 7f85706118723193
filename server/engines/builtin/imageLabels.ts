/**
 * The labels the generated Containerfile sets (and so the image carries):
 * the design's own labels plus the OCI title/version and the design hash.
 */
import type { Design } from '../../../shared/design/types.ts';
import { designSha256 } from '../../../shared/design/designSha256.ts';

export function imageLabels(design: Design): Record<string, string> {
  return {
    'org.opencontainers.image.title': design.name,
    'org.opencontainers.image.version': design.tag,
    'org.lago-grey.design.sha256': designSha256(design),
    ...design.config.labels,
  };
}
