/**
 * The supply-chain step of a build, run after the image is inspected: writes
 * `sbom.spdx.json`, `sbom.cdx.json` and `signature.json` into the build dir.
 * The signed payload binds the manifest digest and, in `optional`, the
 * SHA-256 of both SBOMs and of the design. SBOM serialization and signing
 * run in a worker thread (see `runSupplyJobInWorker`).
 */
import type { Design } from '../../shared/design/types.ts';
import type { LogFn, ResolvedComponent } from '../components/types.ts';
import { AppError } from '../errors/AppError.ts';
import { layerFileSha1s } from './layerFileSha1.ts';
import { asImageInspection, buildSbomModel, type ImageInspectionLike } from './sbomModel.ts';
import { runSupplyJobInWorker } from './runSupplyJobInWorker.ts';
import { getDefaultSigningKeys, type SigningKeys } from './signingKeys.ts';
import type { SbomFormat } from './supplyFiles.ts';

export { SBOM_FILES, SIGNATURE_FILE, type SbomFormat } from './supplyFiles.ts';

export interface SupplyChainInput {
  buildId: string;
  buildDir: string;
  archivePath: string;
  /** An `inspectOciArchive` result (checked at run time: manifestDigest, layers[].files[]). */
  inspection: ImageInspectionLike | unknown;
  design: Design;
  resolved: ReadonlyMap<string, ResolvedComponent> | readonly ResolvedComponent[];
  log: LogFn;
  /** Default: the keys registered by `loadSigningKeys` at server start. */
  keys?: SigningKeys;
  /** Default: `SOURCE_DATE_EPOCH` from the environment, else 0. */
  sourceDateEpoch?: number;
  /** Default both. */
  formats?: readonly SbomFormat[];
  /** Default true. */
  sign?: boolean;
  /** Aborting terminates the SBOM/signing worker; the step then fails with code `aborted`. */
  signal?: AbortSignal;
}

export interface SupplyChainResult {
  sbom: { formats: SbomFormat[] };
  signature: { algorithms: string[]; keyIds: Record<string, string> };
}

export async function runSupplyChain(input: SupplyChainInput): Promise<SupplyChainResult> {
  const formats = [...(input.formats ?? (['spdx', 'cyclonedx'] as const))];
  const sign = input.sign ?? true;
  const keys = input.keys ?? getDefaultSigningKeys();
  if (sign && !keys) throw new AppError('signing_keys_missing', 500, 'no signing keys loaded (call loadSigningKeys at start)');

  const t = performance.now();
  const inspection = asImageInspection(input.inspection);
  const model = buildSbomModel({
    design: input.design,
    inspection,
    resolved: input.resolved,
    sourceDateEpoch: input.sourceDateEpoch ?? 0,
    // Read whenever the inspection names its layer blobs, so both SBOMs agree whatever is asked for.
    ...(formats.length > 0 && inspection.layers.some((l) => l.digest !== undefined)
      ? { sha1s: await layerFileSha1s(input.archivePath) }
      : {}),
  });
  const modelMs = performance.now() - t;
  if (formats.length === 0 && !(sign && keys)) {
    input.log('info', 'SBOM: none');
    return { sbom: { formats }, signature: { algorithms: [], keyIds: {} } };
  }
  // Serialization and signing are pure CPU, and the texts can be tens of MB:
  // the worker renders and writes them, off the event loop.
  const docs = await runSupplyJobInWorker({ model, formats, outDir: input.buildDir, ...(sign && keys ? { keys } : {}) }, { signal: input.signal });
  input.log(
    'info',
    `SBOM: ${formats.join(' + ') || 'none'} with ${model.components.length} components and ${model.files.length} files (${Math.round(modelMs + docs.sbomMs)} ms)`,
  );

  const sig = docs.signature;
  if (!sig) return { sbom: { formats }, signature: { algorithms: [], keyIds: {} } };
  input.log('info', `signed ${model.digest} with ${sig.algorithms.join(', ')} (${Math.round(sig.ms)} ms)`);
  return { sbom: { formats }, signature: { algorithms: sig.algorithms, keyIds: sig.keyIds } };
}
