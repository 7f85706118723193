/**
 * Wires the real implementations behind the pipeline ports: the component
 * service (resolvers + cache), the stager, both engines, the OCI inspector,
 * the podman smoke test and the supply chain.
 */
import path from 'node:path';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import type { ServerConfig } from '../config.ts';
import { createComponentService } from '../components/createResolvers.ts';
import { createBuiltinEngine } from '../engines/builtin/createBuiltinEngine.ts';
import { createPodmanEngine } from '../engines/podman/createPodmanEngine.ts';
import { podmanRunUnavailableReason } from '../engines/podman/podmanCanRun.ts';
import type { PodmanOptions } from '../engines/podman/podmanCli.ts';
import { runSmokeTest } from '../engines/podman/smokeTest.ts';
import { compareImages } from '../oci/compareImages.ts';
import { inspectOciArchive } from '../oci/inspectOciArchive.ts';
import type { OciArchiveInfo } from '../oci/ociTypes.ts';
import { stageContext } from '../staging/stageContext.ts';
import { runSupplyChain } from '../supply/runSupplyChain.ts';
import type { SigningKeys } from '../supply/signingKeys.ts';
import type { ImageInspection, PipelinePorts } from './pipelinePorts.ts';

/** Per container run of the smoke test (entrypoint, then `obli-pkg verify`). */
const SMOKE_TIMEOUT_MS = 30_000;

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
  // The server's own podman store: never mixes with (or breaks on) the host's default store.
  const podmanOpts: PodmanOptions = {
    bin: config.podmanBin,
    root: path.join(config.dataDir, 'podman', 'storage'),
    runroot: path.join(config.dataDir, 'podman', 'run'),
  };
  return {
    components,
    engines: { builtin: createBuiltinEngine(), podman: createPodmanEngine(podmanOpts) },
    stage: (input) => stageContext(input),
    inspect: async (archivePath) => {
      const info = await inspectOciArchive(archivePath);
      return { summary: summarize(info), raw: info };
    },
    compareArchives: async (first, second, layerNames) => {
      // One archive at a time: each pass holds only file metadata, never both streams at once.
      const a = await inspectOciArchive(first);
      const b = await inspectOciArchive(second);
      return compareImages(a, b, layerNames);
    },
    smoke: {
      unavailableReason: () => podmanRunUnavailableReason(podmanOpts),
      run: (input) =>
        runSmokeTest({
          archivePath: input.archivePath,
          entrypoint: input.design.config.entrypoint,
          hasObliPkg: input.design.layers.some((l) => l.components.includes('obli-pkg')),
          timeoutMs: SMOKE_TIMEOUT_MS,
          log: input.log,
          signal: input.signal,
          podman: podmanOpts,
        }),
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
