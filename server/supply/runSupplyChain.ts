/**
 * The supply-chain step of a build, run after the image is inspected: writes
 * `sbom.spdx.json`, `sbom.cdx.json` and `signature.json` into the build dir.
 * The signed payload binds the manifest digest and, in `optional`, the
 * SHA-256 of both SBOMs and of the design.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Design } from '../../shared/design/types.ts';
import type { LogFn, ResolvedComponent } from '../components/types.ts';
import { AppError } from '../errors/AppError.ts';
import { generateCycloneDx } from './generateCycloneDx.ts';
import { generateSpdx } from './generateSpdx.ts';
import { layerFileSha1s } from './layerFileSha1.ts';
import { asImageInspection, buildSbomModel, type ImageInspectionLike } from './sbomModel.ts';
import { bundleAlgorithms, bundleKeyIds, signPayload } from './signatureBundle.ts';
import { getDefaultSigningKeys, type SigningKeys } from './signingKeys.ts';
import { simpleSigningPayload } from './simpleSigning.ts';

export const SBOM_FILES = { spdx: 'sbom.spdx.json', cyclonedx: 'sbom.cdx.json' } as const;
export const SIGNATURE_FILE = 'signature.json';
export type SbomFormat = keyof typeof SBOM_FILES;

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
}

export interface SupplyChainResult {
  sbom: { formats: SbomFormat[] };
  signature: { algorithms: string[]; keyIds: Record<string, string> };
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export function envSourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.SOURCE_DATE_EPOCH ?? 0);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

export async function runSupplyChain(input: SupplyChainInput): Promise<SupplyChainResult> {
  const formats = [...(input.formats ?? (['spdx', 'cyclonedx'] as const))];
  const sign = input.sign ?? true;
  const keys = input.keys ?? getDefaultSigningKeys();
  if (sign && !keys) throw new AppError('signing_keys_missing', 500, 'no signing keys loaded (call loadSigningKeys at start)');

  let t = performance.now();
  const inspection = asImageInspection(input.inspection);
  const model = buildSbomModel({
    design: input.design,
    inspection,
    resolved: input.resolved,
    sourceDateEpoch: input.sourceDateEpoch ?? envSourceDateEpoch(),
    // Read whenever the inspection names its layer blobs, so both SBOMs agree whatever is asked for.
    ...(formats.length > 0 && inspection.layers.some((l) => l.digest !== undefined)
      ? { sha1s: await layerFileSha1s(input.archivePath) }
      : {}),
  });
  const optional: Record<string, string> = { creator: `${model.toolName} ${model.toolVersion}`, 'dev.lago-grey.design-sha256': model.designSha256 };
  for (const format of formats) {
    const text = format === 'spdx' ? `${JSON.stringify(generateSpdx(model), null, 2)}\n` : generateCycloneDx(model);
    await writeFile(join(input.buildDir, SBOM_FILES[format]), text);
    optional[`dev.lago-grey.sbom-${format}-sha256`] = sha256(text);
  }
  input.log(
    'info',
    `SBOM: ${formats.join(' + ') || 'none'} with ${model.components.length} components and ${model.files.length} files (${Math.round(performance.now() - t)} ms)`,
  );

  if (!sign || !keys) return { sbom: { formats }, signature: { algorithms: [], keyIds: {} } };
  t = performance.now();
  const bundle = signPayload(simpleSigningPayload(model.reference, model.digest, optional), keys);
  await writeFile(join(input.buildDir, SIGNATURE_FILE), `${JSON.stringify(bundle, null, 2)}\n`);
  input.log('info', `signed ${model.digest} with ${bundleAlgorithms(bundle).join(', ')} (${Math.round(performance.now() - t)} ms)`);
  return { sbom: { formats }, signature: { algorithms: bundleAlgorithms(bundle), keyIds: bundleKeyIds(bundle) } };
}
