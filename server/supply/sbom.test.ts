import { describe, expect, it } from 'vitest';
import { generateCycloneDx } from './generateCycloneDx.ts';
import { generateSpdx } from './generateSpdx.ts';
import { buildSbomModel } from './sbomModel.ts';
import { sampleDesign, sampleInspection, sampleResolved, sbomValidators } from './testFixtures.ts';

const validators = sbomValidators();
const model = (extra = 0, sde = 0) =>
  buildSbomModel({
    design: sampleDesign,
    inspection: sampleInspection(extra),
    resolved: sampleResolved,
    sourceDateEpoch: sde,
  });

type Obj = Record<string, unknown> & { [k: string]: never | unknown };
interface CdxComponent {
  type: string;
  name: string;
  purl?: string;
  hashes?: { alg: string; content: string }[];
  properties?: { name: string; value: string }[];
  components?: CdxComponent[];
}

describe('SPDX 2.3', () => {
  it('validates against the official schema and lists every regular file with its SHA-256', () => {
    const doc = generateSpdx(model(25));
    const ok = validators.spdx(doc);
    expect(validators.spdx.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const inspection = sampleInspection(25);
    const files = doc.files as {
      fileName: string;
      checksums: { algorithm: string; checksumValue: string }[];
    }[];
    const listed = new Set(files.map((f) => `${f.fileName}|${f.checksums[0]?.checksumValue}`));
    const expected = inspection.layers.flatMap((l) =>
      l.files.filter((f) => f.type === 'file').map((f) => `.${f.path}|${f.sha256}`),
    );
    expect(expected.length).toBe(6 + 25);
    for (const e of expected) expect(listed.has(e)).toBe(true);
    expect(files.some((f) => f.fileName === './tmp')).toBe(false);
  });

  it('describes the image by digest, with purls and origins of every component', () => {
    const doc = generateSpdx(model()) as Obj;
    const pkgs = doc.packages as {
      SPDXID: string;
      name: string;
      checksums?: { checksumValue: string }[];
      externalRefs?: { referenceLocator: string }[];
      sourceInfo?: string;
      primaryPackagePurpose?: string;
    }[];
    const rels = doc.relationships as {
      spdxElementId: string;
      relationshipType: string;
      relatedSpdxElement: string;
    }[];
    const image = pkgs.find((p) => p.SPDXID === 'SPDXRef-Image');
    const digestHex = sampleInspection().manifestDigest.slice(7);
    expect(image?.primaryPackagePurpose).toBe('CONTAINER');
    expect(image?.checksums?.[0]?.checksumValue).toBe(digestHex);
    expect(image?.externalRefs?.[0]?.referenceLocator).toBe(
      `pkg:oci/lago-grey@sha256:${digestHex}?tag=latest`,
    );
    expect(rels).toContainEqual({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: 'SPDXRef-Image',
    });
    const purls = pkgs.flatMap((p) => p.externalRefs?.map((r) => r.referenceLocator) ?? []);
    expect(purls).toContain('pkg:deb/debian/libsodium-dev@1.0.18-1?arch=amd64');
    expect(purls).toContain('pkg:deb/debian/ca-certificates@20230311+deb12u1?arch=all');
    const hello = sampleResolved.find((c) => c.id === 'hello');
    const src = pkgs.find((p) => p.primaryPackagePurpose === 'SOURCE' && p.name === 'hello-source');
    expect(hello?.origin.kind === 'zig' && src?.checksums?.[0]?.checksumValue).toBe(
      hello?.origin.kind === 'zig' ? hello.origin.sourceSha256 : '',
    );
    expect(pkgs.find((p) => p.name === 'zig')?.externalRefs?.[0]?.referenceLocator).toBe(
      'pkg:generic/zig@0.11.0',
    );
    const upload = sampleResolved[4];
    expect(
      pkgs.some(
        (p) => upload?.origin.kind === 'upload' && p.checksums?.[0]?.checksumValue === upload.origin.sha256,
      ),
    ).toBe(true);
    const base = sampleResolved[0];
    const designPkg = pkgs.find((p) => p.SPDXID === 'SPDXRef-Design');
    expect(
      base?.origin.kind === 'generated' &&
        designPkg?.checksums?.[0]?.checksumValue === base.origin.designSha256,
    ).toBe(true);
  });

  it('is byte-identical for the same inputs and dated by SOURCE_DATE_EPOCH', () => {
    expect(JSON.stringify(generateSpdx(model(3)))).toBe(JSON.stringify(generateSpdx(model(3))));
    const doc = generateSpdx(model(0, 1_700_000_000)) as { creationInfo: { created: string } };
    expect(doc.creationInfo.created).toBe('2023-11-14T22:13:20Z');
  });
});

describe('CycloneDX 1.6', () => {
  it('validates against the official schema and lists every regular file with its SHA-256', () => {
    const doc = JSON.parse(generateCycloneDx(model(25))) as {
      metadata: { component: CdxComponent; timestamp: string };
      components: CdxComponent[];
      serialNumber: string;
      specVersion: string;
    };
    const ok = validators.cyclonedx(doc);
    expect(validators.cyclonedx.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(doc.specVersion).toBe('1.6');
    const all: CdxComponent[] = [];
    const walk = (cs: CdxComponent[]): void => cs.forEach((c) => (all.push(c), walk(c.components ?? [])));
    walk(doc.components);
    const files = new Set(
      all.filter((c) => c.type === 'file').map((c) => `${c.name}|${c.hashes?.[0]?.content}`),
    );
    const expected = sampleInspection(25).layers.flatMap((l) =>
      l.files.filter((f) => f.type === 'file').map((f) => `${f.path}|${f.sha256}`),
    );
    expect(files.size).toBe(expected.length);
    for (const e of expected) expect(files.has(e)).toBe(true);
    expect(doc.metadata.component.type).toBe('container');
    expect(doc.metadata.component.purl).toMatch(/^pkg:oci\/lago-grey@sha256:[0-9a-f]{64}\?tag=latest$/);
    expect(doc.metadata.timestamp).toBe('1970-01-01T00:00:00.000Z');
    const hello = all.find((c) => c.name === 'hello');
    expect(hello?.properties).toContainEqual({ name: 'lago-grey:zig-version', value: '0.11.0' });
    expect(all.find((c) => c.purl === 'pkg:deb/debian/libsodium-dev@1.0.18-1?arch=amd64')).toBeDefined();
  });

  it('is byte-identical for the same inputs', () => {
    expect(generateCycloneDx(model(3))).toBe(generateCycloneDx(model(3)));
  });
});
