/**
 * Body of the supply worker: renders the job from `workerData`, writes the
 * files into `outDir`, and posts one message, `{ ok: true, summary }` or
 * `{ ok: false, error }`. Writing here keeps tens of MB of SBOM text from
 * being copied back to (and decoded on) the main thread.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../errors/AppError.ts';
import { atStep, renderSupplyDocuments, type SupplyJob } from './supplyDocuments.ts';
import { SBOM_FILES, SIGNATURE_FILE, type SbomFormat } from './supplyFiles.ts';

export interface SupplyWorkerJob extends SupplyJob {
  /** The build dir: receives `SBOM_FILES[format]` and, when signed, `SIGNATURE_FILE`. */
  outDir: string;
}

export interface SupplySummary {
  formats: SbomFormat[];
  sbomMs: number;
  signature?: { algorithms: string[]; keyIds: Record<string, string>; ms: number };
}

export type SupplyWorkerMessage =
  | { ok: true; summary: SupplySummary }
  | { ok: false; error: { code: string; status: number; message: string } };

function run(job: SupplyWorkerJob): SupplyWorkerMessage {
  try {
    const docs = renderSupplyDocuments(job);
    for (const { format, text } of docs.sboms) {
      atStep(`writing ${SBOM_FILES[format]}`, () =>
        writeFileSync(join(job.outDir, SBOM_FILES[format]), text),
      );
    }
    const summary: SupplySummary = { formats: docs.sboms.map((s) => s.format), sbomMs: docs.sbomMs };
    if (docs.signature) {
      const { text, ...rest } = docs.signature;
      atStep(`writing ${SIGNATURE_FILE}`, () => writeFileSync(join(job.outDir, SIGNATURE_FILE), text));
      summary.signature = rest;
    }
    return { ok: true, summary };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: isAppError(e)
        ? { code: e.code, status: e.status, message }
        : { code: 'supply_failed', status: 500, message },
    };
  }
}

parentPort?.postMessage(run(workerData as SupplyWorkerJob));
