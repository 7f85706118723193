/**
 * The CPU-heavy half of the supply-chain step as one pure, synchronous
 * function of plain data: SBOM texts from the model, then the signature
 * bundle over a payload that binds their SHA-256. Pure data in and out so it
 * can run in a worker thread (`runSupplyJobInWorker`) as well as in process.
 */
import { createHash } from 'node:crypto';
import { AppError, isAppError } from '../errors/AppError.ts';
import { generateCycloneDx } from './generateCycloneDx.ts';
import { generateSpdx } from './generateSpdx.ts';
import type { SbomModel } from './sbomModel.ts';
import { bundleAlgorithms, bundleKeyIds, signPayload } from './signatureBundle.ts';
import type { SigningKeys } from './signingKeys.ts';
import { simpleSigningPayload } from './simpleSigning.ts';
import type { SbomFormat } from './supplyFiles.ts';

export interface SupplyJob {
  model: SbomModel;
  formats: readonly SbomFormat[];
  /** Absent: no signature. */
  keys?: SigningKeys;
}

export interface SupplyDocuments {
  /** The SBOM file texts, in `formats` order. */
  sboms: { format: SbomFormat; text: string }[];
  sbomMs: number;
  /** Absent when the job had no keys. */
  signature?: { text: string; algorithms: string[]; keyIds: Record<string, string>; ms: number };
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Runs `fn`, turning any failure into an AppError whose message names the step. */
export function atStep<T>(step: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new AppError(isAppError(e) ? e.code : 'supply_failed', 500, `${step}: ${message}`);
  }
}

export function renderSupplyDocuments(job: SupplyJob): SupplyDocuments {
  const { model } = job;
  let t = performance.now();
  const optional: Record<string, string> = {
    creator: `${model.toolName} ${model.toolVersion}`,
    'dev.lago-grey.design-sha256': model.designSha256,
  };
  const sboms = job.formats.map((format) => {
    const text = atStep(`SBOM ${format}`, () =>
      format === 'spdx' ? `${JSON.stringify(generateSpdx(model), null, 2)}\n` : generateCycloneDx(model),
    );
    optional[`dev.lago-grey.sbom-${format}-sha256`] = sha256(text);
    return { format, text };
  });
  const sbomMs = performance.now() - t;
  const keys = job.keys;
  if (!keys) return { sboms, sbomMs };
  t = performance.now();
  const bundle = atStep('signing', () =>
    signPayload(simpleSigningPayload(model.reference, model.digest, optional), keys),
  );
  return {
    sboms,
    sbomMs,
    signature: {
      text: `${JSON.stringify(bundle, null, 2)}\n`,
      algorithms: bundleAlgorithms(bundle),
      keyIds: bundleKeyIds(bundle),
      ms: performance.now() - t,
    },
  };
}
