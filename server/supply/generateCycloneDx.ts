/**
 * CycloneDX 1.6 JSON via @cyclonedx/cyclonedx-library. The image is
 * `metadata.component` (type container, purl `pkg:oci/…`); each component
 * carries its purl, hashes and origin as `lago-grey:*` properties; each
 * regular file is a `file` component (with its SHA-256) nested in the
 * component that installed it. serialNumber and timestamp derive from the
 * digest and SOURCE_DATE_EPOCH, and lists are sorted: the output is stable.
 */
import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import type { SbomComponent, SbomModel } from './sbomModel.ts';
import { modeString, uuidFrom } from './sbomModel.ts';

const typeOf = (c: SbomComponent): Enums.ComponentType => {
  if (c.origin.kind === 'generated') return Enums.ComponentType.OperatingSystem;
  switch (c.category) {
    case 'library':
      return Enums.ComponentType.Library;
    case 'data':
      return Enums.ComponentType.Data;
    case 'runtime':
      return Enums.ComponentType.Framework;
    case 'base':
      return Enums.ComponentType.OperatingSystem;
    default:
      return Enums.ComponentType.Application;
  }
};

function originProperties(c: SbomComponent, designSha256: string): [string, string][] {
  const o = c.origin;
  const props: [string, string][] = [
    ['lago-grey:component-id', c.id],
    ['lago-grey:layer', String(c.layerIndex)],
    ['lago-grey:origin', o.kind],
  ];
  switch (o.kind) {
    case 'zig':
      props.push(
        ['lago-grey:source-sha256', o.sourceSha256],
        ['lago-grey:zig-version', o.zigVersion],
        ['lago-grey:zig-flags', o.flags.join(' ')],
      );
      break;
    case 'deb':
      props.push(
        ['lago-grey:deb-package', o.package],
        ['lago-grey:deb-version', o.version],
        ['lago-grey:deb-arch', o.arch],
      );
      break;
    case 'generated':
      props.push(['lago-grey:design-sha256', o.designSha256 || designSha256]);
      break;
    case 'artifact':
      props.push(['lago-grey:artifact-file', o.file]);
      break;
    case 'upload':
      break;
  }
  return props;
}

const sha256Hashes = (hex: string): Models.HashDictionary =>
  new Models.HashDictionary([[Enums.HashAlgorithm['SHA-256'], hex]]);

const fileHashes = (sha256: string, sha1: string | undefined): Models.HashDictionary =>
  new Models.HashDictionary([
    [Enums.HashAlgorithm['SHA-256'], sha256],
    ...(sha1 !== undefined ? ([[Enums.HashAlgorithm['SHA-1'], sha1]] as const) : []),
  ]);

const properties = (pairs: [string, string][]): Models.PropertyRepository =>
  new Models.PropertyRepository(pairs.map(([k, v]) => new Models.Property(k, v)));

export function generateCycloneDx(m: SbomModel): string {
  const image = new Models.Component(Enums.ComponentType.Container, m.name, {
    bomRef: 'image',
    version: m.tag,
    purl: m.imagePurl,
    hashes: sha256Hashes(m.digestHex),
    properties: properties([
      ['lago-grey:image-reference', m.reference],
      ['lago-grey:manifest-digest', m.digest],
      ['lago-grey:design-sha256', m.designSha256],
    ]),
  });
  const tool = new Models.Component(Enums.ComponentType.Application, m.toolName, { version: m.toolVersion });
  const bom = new Models.Bom({
    serialNumber: `urn:uuid:${uuidFrom(m.digest)}`,
    metadata: new Models.Metadata({
      timestamp: new Date(m.created),
      component: image,
      tools: new Models.Tools({ components: new Models.ComponentRepository([tool]) }),
    }),
  });

  const byId = new Map<string, Models.Component>();
  m.components.forEach((c, i) => {
    const comp = new Models.Component(typeOf(c), c.name, {
      bomRef: `component:${i}:${c.id}`,
      version: c.version,
      purl: c.purl,
      properties: properties(originProperties(c, m.designSha256)),
    });
    if (c.sha256) comp.hashes = sha256Hashes(c.sha256);
    if (c.origin.kind === 'deb') comp.supplier = new Models.OrganizationalEntity({ name: 'Debian' });
    byId.set(c.id, comp);
    bom.components.add(comp);
    image.dependencies.add(comp.bomRef);
  });

  for (const f of m.files) {
    const file = new Models.Component(Enums.ComponentType.File, f.path, {
      bomRef: `file:${f.layerIndex}:${f.path}`,
      hashes: fileHashes(f.sha256, f.sha1),
      properties: properties([
        ['lago-grey:layer', String(f.layerIndex)],
        ['lago-grey:layer-name', f.layerName],
        ['lago-grey:size', String(f.size)],
        ['lago-grey:mode', modeString(f.mode)],
        ['lago-grey:uid', String(f.uid)],
        ['lago-grey:gid', String(f.gid)],
      ]),
    });
    const owner = f.owner === undefined ? undefined : byId.get(f.owner);
    if (owner) owner.components.add(file);
    else bom.components.add(file);
  }

  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
}
