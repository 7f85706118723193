/**
 * Wires the real implementations behind the pipeline ports: the component
 * service (resolvers + cache), the stager, both engines, the OCI inspector,
 * the podman smoke test and the supply chain.
 */
import type { CatalogItem } from '../../shared/catalog/types.ts';
import type { ServerConfig } from '../config.ts';
import { createComponentService } from '../components/createResolvers.ts';
import { buildOciImage } from '../engines/builtin/buildOciImage.ts';
import type { Engine } from '../engines/types.ts';
import { inspectOciArchive } from '../oci/inspectOciArchive.ts';
import type { OciArchiveInfo } from '../oci/ociTypes.ts';
import { stageContext } from '../staging/stageContext.ts';
import { runSupplyChain } from '../supply/runSupplyChain.ts';
import type { SigningKeys } from '../supply/signingKeys.ts';
import type { ImageInspection, PipelinePorts } from './pipelinePorts.ts';

export interface PipelinePortOptions {
  keys: SigningKeys;
  extraItems?: () => CatalogItem[];
}

export function createPipelinePorts(config: ServerConfig, opts: PipelinePortOptions): PipelinePorts {
  const components = createComponentService({
    dataDir: config.dataDir,
    artifactsDir: config.artifactsDir,
    ...(config.zigPath !== undefined ? { zigPath: config.zigPath } : {}),
    ...(opts.extraItems ? { extraItems: opts.extraItems } : {}),
  });
  const builtin: Engine = {
    name: 'builtin',
    version: () => Promise.resolve('lago-grey-builtin 0.1.0'),
    build: async (input) => {
      const built = await buildOciImage(input);
      return { imageDigest: built.imageDigest, archivePath: built.archivePath };
    },
  };
  const podman: Engine = {
    name: 'podman',
    version: () => Promise.resolve(null),
    build: () => Promise.reject(new Error('podman engine not wired yet')),
  };
  return {
    components,
    engines: { builtin, podman },
    stage: (input) => stageContext(input),
    inspect: async (archivePath) => {
      const info = await inspectOciArchive(archivePath);
      return { summary: summarize(info), raw: info };
    },
    smoke: {
      unavailableReason: () => Promise.resolve('podman smoke test not wired yet'),
      run: () => Promise.reject(new Error('podman smoke test not wired yet')),
    },
    supplyChain: (input) =>
      runSupplyChain({
        ...input,
        inspection: input.inspection as OciArchiveInfo,
        resolved: new Map(input.resolved),
        keys: opts.keys,
        sourceDateEpoch: config.sourceDateEpoch,
      }),
  };
}

function summarize(info: OciArchiveInfo): ImageInspection {
  return {
    imageDigest: info.manifestDigest,
    configDigest: info.configDigest,
    layers: info.layers.map((l) => ({
      digest: l.digest,
      diffId: l.diffId,
      compressedBytes: l.compressedBytes,
      tarBytes: l.tarBytes,
      contentBytes: l.contentBytes,
      fileCount: l.fileCount,
    })),
  };
}

