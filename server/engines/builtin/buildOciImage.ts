/**
 * The builtin engine's whole build: each staged layer folder becomes a gzip
 * blob (streamed), then config, manifest and index are written and everything
 * is packed as an oci-archive. Same input → same bytes.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { EngineBuildInput } from '../types.ts';
import { buildImageConfig } from './imageConfig.ts';
import type { ImageRuntimeConfig } from './imageConfig.ts';
import { readContainerfileConfig } from './readContainerfileConfig.ts';
import { AppError } from '../../errors/AppError.ts';
import { collectEntries, mergeIntoLower, upperLayerEntries } from './upperLayerEntries.ts';
import type { LowerTree } from './upperLayerEntries.ts';
import { writeLayerBlob } from './writeLayerBlob.ts';
import type { LayerBlob } from './writeLayerBlob.ts';
import { writeOciArchive } from './writeOciArchive.ts';
import type { ArchiveBlob } from './writeOciArchive.ts';

export const MEDIA_TYPES = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

export interface BuiltOciImage {
  imageDigest: string;
  configDigest: string;
  archivePath: string;
  layers: Array<LayerBlob & { name: string }>;
}

const sha256Hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function jsonBlob(value: unknown): { data: Buffer; hex: string; digest: string; size: number } {
  const data = Buffer.from(JSON.stringify(value));
  const hex = sha256Hex(data);
  return { data, hex, digest: `sha256:${hex}`, size: data.length };
}

export interface BuildOciImageOptions {
  /** Overrides the config read from the context's Containerfile. */
  runtime?: ImageRuntimeConfig;
  /** `org.opencontainers.image.ref.name` in index.json; default `<name>:<tag>`. */
  refName?: string;
}

/**
 * The config comes from the staged Containerfile (what podman reads), whose
 * COPY lines must name the staged layers in order.
 */
async function runtimeFromContainerfile(input: EngineBuildInput): Promise<ImageRuntimeConfig> {
  const text = await readFile(join(input.contextDir, 'Containerfile'), 'utf8');
  const parsed = readContainerfileConfig(text);
  const staged = input.layers.map((l) => l.dir.replace(/\/+$/, ''));
  if (parsed.copyDirs.join('\n') !== staged.join('\n')) {
    throw new AppError(
      'containerfile_mismatch',
      500,
      `the Containerfile copies [${parsed.copyDirs.join(', ')}] but the staged layers are [${staged.join(', ')}]`,
    );
  }
  return parsed.runtime;
}

export async function buildOciImage(
  input: EngineBuildInput,
  opts: BuildOciImageOptions = {},
): Promise<BuiltOciImage> {
  const { signal, log, sourceDateEpoch: mtime } = input;
  const partsDir = `${input.outPath}.parts`;
  const blobsDir = join(partsDir, 'blobs');
  await rm(partsDir, { recursive: true, force: true });
  await mkdir(blobsDir, { recursive: true });
  try {
    const runtime = opts.runtime ?? (await runtimeFromContainerfile(input));
    const layers: BuiltOciImage['layers'] = [];
    // Layer 0 is the whole folder; upper layers hold what podman's diff holds.
    const lower: LowerTree = new Map();
    for (const [i, layer] of input.layers.entries()) {
      signal.throwIfAborted();
      const dir = join(input.contextDir, layer.dir);
      const picked =
        i === 0
          ? await collectEntries(dir, signal).then((all) => ({ entries: all, all }))
          : await upperLayerEntries(
              dir,
              lower,
              (msg) => log('stderr', `warning: layer ${layer.dir}: ${msg}`),
              signal,
            );
      const blob = await writeLayerBlob(dir, blobsDir, mtime, signal, picked.entries);
      mergeIntoLower(lower, picked.all);
      log(
        'info',
        `layer ${layer.dir}: tar ${blob.tarBytes} B, gzip ${blob.compressedBytes} B, ${blob.digest}`,
      );
      layers.push({ ...blob, name: layer.name });
    }
    const config = jsonBlob(
      buildImageConfig({
        runtime,
        layers: layers.map((l, i) => ({ dir: input.layers[i]?.dir ?? '', diffId: l.diffId })),
        sourceDateEpoch: mtime,
      }),
    );
    const manifest = jsonBlob({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.manifest,
      config: { mediaType: MEDIA_TYPES.config, digest: config.digest, size: config.size },
      layers: layers.map((l) => ({
        mediaType: MEDIA_TYPES.layerGzip,
        digest: l.digest,
        size: l.compressedBytes,
      })),
    });
    const refName = opts.refName ?? `${input.design.name}:${input.design.tag}`;
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.index,
        manifests: [
          {
            mediaType: MEDIA_TYPES.manifest,
            digest: manifest.digest,
            size: manifest.size,
            annotations: { 'org.opencontainers.image.ref.name': refName },
          },
        ],
      }),
    );
    const blobs: ArchiveBlob[] = [
      ...layers.map((l) => {
        const hex = l.digest.slice('sha256:'.length);
        return { hex, size: l.compressedBytes, hostPath: join(blobsDir, hex) };
      }),
      config,
      manifest,
    ];
    signal.throwIfAborted();
    await writeOciArchive(input.outPath, { blobs, indexJson: index, mtime }, signal);
    log('info', `image ${manifest.digest} written to ${input.outPath}`);
    return { imageDigest: manifest.digest, configDigest: config.digest, archivePath: input.outPath, layers };
  } catch (e) {
    await rm(input.outPath, { force: true });
    throw e;
  } finally {
    await rm(partsDir, { recursive: true, force: true });
  }
}
