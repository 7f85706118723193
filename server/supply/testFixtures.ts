/**
 * Test-only inputs for the supply-chain unit tests and the bench: a design,
 * resolved components of every origin kind, and a synthetic inspection.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Design } from '../../shared/design/types.ts';
import type { ResolvedComponent } from '../components/types.ts';
import type { ImageInspectionLike, InspectedFile } from './sbomModel.ts';

const hex = (s: string): string => createHash('sha256').update(s).digest('hex');

export const sampleDesign: Design = {
  schemaVersion: 1,
  name: 'lago-grey',
  tag: 'latest',
  targetBytes: 17_500_000,
  layers: [
    { name: 'base', components: ['lago-grey-base', 'ca-certificates'] },
    { name: 'app', components: ['hello', 'libsodium', `upload:sha256:${hex('upload')}`] },
  ],
  config: { entrypoint: ['/usr/bin/hello'], cmd: [], user: '65532:65532', workdir: '/', env: {}, labels: {} },
};

const file = (path: string, size: number): ResolvedComponent['files'][number] => ({
  path,
  type: 'file',
  mode: 0o644,
  size,
  sha256: hex(path),
});

export const sampleResolved: ResolvedComponent[] = [
  {
    id: 'lago-grey-base',
    version: '1.0.0',
    origin: { kind: 'generated', designSha256: hex('design') },
    files: [file('/etc/os-release', 100), file('/etc/passwd', 90)],
    contentBytes: 190,
  },
  {
    id: 'ca-certificates',
    version: '20230311',
    origin: {
      kind: 'deb',
      package: 'ca-certificates',
      version: '20230311+deb12u1',
      arch: 'all',
      sha256: hex('ca.deb'),
    },
    files: [file('/etc/ssl/certs/ca-certificates.crt', 220_000)],
    contentBytes: 220_000,
  },
  {
    id: 'hello',
    version: '0.1.0',
    origin: {
      kind: 'zig',
      sourceSha256: hex('hello.zig'),
      zigVersion: '0.11.0',
      flags: ['-target', 'x86_64-linux-musl', '-O', 'ReleaseSmall', '-fstrip'],
    },
    files: [{ ...file('/usr/bin/hello', 9000), mode: 0o755 }],
    contentBytes: 9000,
  },
  {
    id: 'libsodium',
    version: '1.0.18-1',
    origin: {
      kind: 'deb',
      package: 'libsodium-dev',
      version: '1.0.18-1',
      arch: 'amd64',
      sha256: hex('sodium.deb'),
    },
    files: [file('/usr/lib/x86_64-linux-gnu/libsodium.a', 594_000)],
    contentBytes: 594_000,
  },
  {
    id: `upload:sha256:${hex('upload')}`,
    version: hex('upload').slice(0, 12),
    origin: { kind: 'upload', sha256: hex('upload') },
    files: [{ ...file('/usr/local/bin/myapp', 5000), sha256: hex('upload'), mode: 0o755 }],
    contentBytes: 5000,
  },
];

/** An inspection whose layers hold the sample components' files, plus `extraFiles` synthetic ones in the last layer. */
export function sampleInspection(extraFiles = 0, digest = `sha256:${hex('manifest')}`): ImageInspectionLike {
  const layerFiles: InspectedFile[][] = [[], []];
  sampleDesign.layers.forEach((l, i) => {
    for (const ref of l.components) {
      const c = sampleResolved.find((r) => r.id === ref);
      for (const f of c?.files ?? []) {
        layerFiles[i]?.push({
          path: f.path,
          type: 'file',
          mode: f.mode,
          uid: 0,
          gid: 0,
          size: f.size,
          sha256: f.sha256 ?? '',
        });
      }
    }
  });
  layerFiles[0]?.push({ path: '/tmp', type: 'dir', mode: 0o1777, uid: 0, gid: 0, size: 0 });
  for (let n = 0; n < extraFiles; n++) {
    const path = `/usr/share/data/f${String(n).padStart(6, '0')}`;
    layerFiles[1]?.push({
      path,
      type: 'file',
      mode: 0o644,
      uid: 0,
      gid: 0,
      size: 100 + n,
      sha256: hex(path),
    });
  }
  return { manifestDigest: digest, layers: layerFiles.map((files) => ({ files })) };
}

// ajv-formats is CommonJS; its default export shape differs between loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

const schemaDir = fileURLToPath(new URL('../test/fixtures/schemas/', import.meta.url));
const readSchema = (rel: string): Record<string, unknown> =>
  JSON.parse(readFileSync(schemaDir + rel, 'utf8')) as Record<string, unknown>;

/** Validators for the official SPDX 2.3 and CycloneDX 1.6 JSON schemas (draft-07). */
export function sbomValidators(): { spdx: ValidateFunction; cyclonedx: ValidateFunction } {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(readSchema('cyclonedx-1.6/spdx.schema.json'));
  ajv.addSchema(readSchema('cyclonedx-1.6/jsf-0.82.schema.json'));
  const cyclonedx = ajv.compile(readSchema('cyclonedx-1.6/bom-1.6.schema.json'));
  const spdx = ajv.compile(readSchema('spdx-2.3/spdx-schema.json'));
  return { spdx, cyclonedx };
}

/**
 * Writes a small but real oci-archive (one gzip layer, config, manifest,
 * index, oci-layout) with the system tar, and returns its manifest digest.
 */
export async function writeTestOciArchive(
  dir: string,
  outPath: string,
  content = 'hello\n',
): Promise<string> {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { gzipSync } = await import('node:zlib');
  const { join } = await import('node:path');
  const { runProcess } = await import('../process/runProcess.ts');
  const layout = join(dir, 'layout');
  const rootfs = join(dir, 'rootfs');
  mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
  mkdirSync(join(rootfs, 'etc'), { recursive: true });
  writeFileSync(join(rootfs, 'etc', 'motd'), content);
  const layerTar = join(dir, 'layer.tar');
  const tar1 = await runProcess('tar', [
    '--sort=name',
    '--mtime=@0',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '-C',
    rootfs,
    '-cf',
    layerTar,
    'etc',
  ]);
  if (tar1.exitCode !== 0) throw new Error(tar1.stderr);
  const tarBytes = readFileSync(layerTar);
  const gz = gzipSync(tarBytes);
  const blob = (bytes: Buffer | string): { digest: string; size: number } => {
    const b = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    const h = createHash('sha256').update(b).digest('hex');
    writeFileSync(join(layout, 'blobs', 'sha256', h), b);
    return { digest: `sha256:${h}`, size: b.length };
  };
  const layer = blob(gz);
  const diffId = `sha256:${createHash('sha256').update(tarBytes).digest('hex')}`;
  const config = blob(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: [diffId] },
    }),
  );
  const manifest = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
    }),
  );
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }],
    }),
  );
  const tar2 = await runProcess('tar', [
    '--sort=name',
    '--mtime=@0',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '-C',
    layout,
    '-cf',
    outPath,
    'oci-layout',
    'index.json',
    'blobs',
  ]);
  if (tar2.exitCode !== 0) throw new Error(tar2.stderr);
  return manifest.digest;
}
