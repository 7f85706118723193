/**
 * The one model both SBOM formats are written from: the image (the described
 * subject), its components with their origin, and every regular file of every
 * layer with its SHA-256. Built only from its inputs (no clock, no randomness),
 * so a reproducible build gets a byte-identical SBOM.
 */
import { createHash } from 'node:crypto';
import { PackageURL } from 'packageurl-js';
import { CATALOG } from '../../shared/catalog/catalog.ts';
import type { Category } from '../../shared/catalog/types.ts';
import type { Design } from '../../shared/design/types.ts';
import type { ComponentOrigin, ResolvedComponent } from '../components/types.ts';
import { AppError } from '../errors/AppError.ts';
import { canonicalJson } from './canonicalJson.ts';

/** The part of an image inspection the SBOM needs (matches `inspectOciArchive`'s result). */
export interface InspectedFile {
  path: string;
  type: string;
  mode?: number;
  uid?: number;
  gid?: number;
  size: number;
  sha256?: string;
}

export interface ImageInspectionLike {
  manifestDigest: string;
  layers: ReadonlyArray<{ digest?: string; files: readonly InspectedFile[] }>;
}

/**
 * Checks at run time that an inspection (typed `unknown` by the pipeline
 * port) has what the SBOM needs, naming the first missing field.
 */
export function asImageInspection(raw: unknown): ImageInspectionLike {
  const r = raw as Partial<ImageInspectionLike> | null;
  const bad = (what: string): never => {
    throw new AppError('inspection_invalid', 500, `image inspection has no valid ${what}`);
  };
  if (!r || typeof r !== 'object') return bad('object');
  if (typeof r.manifestDigest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(r.manifestDigest))
    return bad('manifestDigest');
  if (!Array.isArray(r.layers)) return bad('layers');
  r.layers.forEach((l, i) => {
    if (!l || !Array.isArray(l.files)) bad(`layers[${i}].files`);
    l.files.forEach((f: Partial<InspectedFile> | null, j: number) => {
      if (!f || typeof f.path !== 'string' || typeof f.type !== 'string' || typeof f.size !== 'number')
        return bad(`layers[${i}].files[${j}]`);
      if (f.type === 'file' && (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)))
        bad(`layers[${i}].files[${j}].sha256`);
    });
  });
  return r as ImageInspectionLike;
}

export interface SbomInput {
  design: Design;
  inspection: ImageInspectionLike;
  resolved: ReadonlyMap<string, ResolvedComponent> | readonly ResolvedComponent[];
  /** Seconds since the epoch: the SBOM's creation time. */
  sourceDateEpoch: number;
  toolVersion?: string;
  /** Per layer blob digest: path → SHA-1 (SPDX requires SHA1 on files). */
  sha1s?: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export interface SbomFile {
  layerIndex: number;
  layerName: string;
  /** Absolute image path. */
  path: string;
  sha256: string;
  /** Hex SHA-1, when the layers were read for it. */
  sha1: string | undefined;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Id of the component that installed it, when known. */
  owner: string | undefined;
}

export interface SbomComponent {
  id: string;
  name: string;
  version: string;
  category: Category;
  layerIndex: number;
  origin: ComponentOrigin;
  purl: string;
  /** Hex SHA-256 of the component's own artifact (.deb, upload, artifact file), when there is one. */
  sha256: string | undefined;
}

export interface SbomModel {
  name: string;
  tag: string;
  reference: string;
  /** `sha256:…` manifest digest. */
  digest: string;
  digestHex: string;
  imagePurl: string;
  designSha256: string;
  created: string;
  toolName: string;
  toolVersion: string;
  components: SbomComponent[];
  files: SbomFile[];
}

export const TOOL_NAME = 'lago-grey';
export const TOOL_VERSION = '0.1.0';

const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Hex SHA-256 of the canonical design JSON (same definition as shared `designSha256`). */
export const designHash = (design: Design): string => sha256Hex(canonicalJson(design));

/** ISO 8601 without milliseconds (SPDX requires `YYYY-MM-DDThh:mm:ssZ`). */
export const isoSeconds = (epochSeconds: number): string =>
  new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function imagePurl(name: string, tag: string, digest: string): string {
  return new PackageURL('oci', undefined, name, digest, { tag }, undefined).toString();
}

function componentPurl(c: ResolvedComponent, name: string): string {
  const o = c.origin;
  switch (o.kind) {
    case 'deb':
      return new PackageURL('deb', 'debian', o.package, o.version, { arch: o.arch }, undefined).toString();
    case 'upload':
      return new PackageURL(
        'generic',
        'lago-grey',
        name,
        undefined,
        { checksum: `sha256:${o.sha256}` },
        undefined,
      ).toString();
    case 'artifact':
      return new PackageURL(
        'generic',
        'lago-grey',
        c.id,
        c.version,
        { checksum: `sha256:${o.sha256}` },
        undefined,
      ).toString();
    case 'zig':
    case 'generated':
      return new PackageURL('generic', 'lago-grey', c.id, c.version, undefined, undefined).toString();
  }
}

function ownSha256(o: ComponentOrigin): string | undefined {
  return o.kind === 'deb' || o.kind === 'upload' || o.kind === 'artifact' ? o.sha256 : undefined;
}

const normPath = (p: string): string => `/${p.replace(/^\.?\/+/, '')}`.replace(/\/+$/, '') || '/';

function resolvedById(resolved: SbomInput['resolved']): ReadonlyMap<string, ResolvedComponent> {
  if (resolved instanceof Map) return resolved as ReadonlyMap<string, ResolvedComponent>;
  return new Map((resolved as readonly ResolvedComponent[]).map((c) => [c.id, c]));
}

export function buildSbomModel(input: SbomInput): SbomModel {
  const { design, inspection } = input;
  const digest = inspection.manifestDigest;
  const digestHex = digest.replace(/^sha256:/, '');
  const byId = resolvedById(input.resolved);

  // Components in design order (bottom layer first): a stable order for stable output.
  const components: SbomComponent[] = [];
  const ownerByLayerPath = new Map<string, string>();
  design.layers.forEach((layer, layerIndex) => {
    for (const ref of layer.components) {
      const c = byId.get(ref);
      if (!c) continue;
      const entry = CATALOG.find((e) => e.id === c.id);
      const name =
        entry?.name ??
        (c.origin.kind === 'upload'
          ? (c.files
              .find((f) => f.type === 'file')
              ?.path.split('/')
              .pop() ?? c.id)
          : c.id);
      components.push({
        id: c.id,
        name,
        version: c.version,
        category: entry?.category ?? 'binary',
        layerIndex,
        origin: c.origin,
        purl: componentPurl(c, name.replace(/[^A-Za-z0-9._-]/g, '-')),
        sha256: ownSha256(c.origin),
      });
      for (const f of c.files) ownerByLayerPath.set(`${layerIndex}\0${normPath(f.path)}`, c.id);
    }
  });

  const files: SbomFile[] = [];
  inspection.layers.forEach((layer, layerIndex) => {
    const layerName = design.layers[layerIndex]?.name ?? `layer-${layerIndex}`;
    const sha1s = layer.digest === undefined ? undefined : input.sha1s?.get(layer.digest);
    for (const f of layer.files) {
      if (f.type !== 'file') continue;
      const path = normPath(f.path);
      files.push({
        layerIndex,
        layerName,
        path,
        sha256: f.sha256 ?? '',
        sha1: sha1s?.get(path),
        size: f.size,
        mode: f.mode ?? 0o644,
        uid: f.uid ?? 0,
        gid: f.gid ?? 0,
        owner: ownerByLayerPath.get(`${layerIndex}\0${path}`),
      });
    }
  });
  files.sort((a, b) => a.layerIndex - b.layerIndex || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  return {
    name: design.name,
    tag: design.tag,
    reference: `${design.name}:${design.tag}`,
    digest,
    digestHex,
    imagePurl: imagePurl(design.name, design.tag, digest),
    designSha256: designHash(design),
    created: isoSeconds(input.sourceDateEpoch),
    toolName: TOOL_NAME,
    toolVersion: input.toolVersion ?? TOOL_VERSION,
    components,
    files,
  };
}

/** A UUID (v5 layout) derived from a string, for CycloneDX's serialNumber. */
export function uuidFrom(seed: string): string {
  const h = sha256Hex(seed).slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export const modeString = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, '0');
