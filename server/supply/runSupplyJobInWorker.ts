/**
 * Renders and writes the SBOMs and signature bundle (`supplyWorkerMain`) in a
 * fresh worker thread, so SLH-DSA signing (~0.5–1 s of pure JS) and the SBOM
 * serialization of big images never block the event loop that serves SSE
 * streams and HTTP requests. One worker per job: nothing to keep warm, and
 * abort simply terminates it. Costs ~0.3–0.8 s of wall time to start (tsx
 * registers and loads the supply modules in the worker), none of it on the
 * main thread.
 */
import { isErrorCode } from '../../shared/api/errorCodes.ts';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors/AppError.ts';
import type { SupplySummary, SupplyWorkerJob, SupplyWorkerMessage } from './supplyWorkerMain.ts';

const WORKER_ENTRY = new URL('./supplyWorker.mjs', import.meta.url);

const abortedError = (): AppError => new AppError('aborted', 409, 'the build was stopped (SBOM and signing)');

export interface SupplyWorkerOptions {
  /** Aborting terminates the worker and rejects with code `aborted`. */
  signal?: AbortSignal | undefined;
  /** Called with the worker once started (tests watch it exit). */
  onWorker?: (worker: Worker) => void;
}

export function runSupplyJobInWorker(job: SupplyWorkerJob, opts: SupplyWorkerOptions = {}): Promise<SupplySummary> {
  const { signal } = opts;
  if (signal?.aborted) return Promise.reject(abortedError());
  return new Promise<SupplySummary>((resolve, reject) => {
    let settled = false;
    // `--input-type` (node -e) is refused in a worker with a file entry.
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    const worker = new Worker(WORKER_ENTRY, { workerData: job, execArgv });
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      // The worker ends on its own after its one message; terminate covers every other path.
      void worker.terminate();
    };
    opts.onWorker?.(worker);
    const onAbort = (): void => settle(() => reject(abortedError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (m: SupplyWorkerMessage) =>
      settle(() => (m.ok ? resolve(m.summary) : reject(new AppError(isErrorCode(m.error.code) ? m.error.code : 'supply_failed', m.error.status, m.error.message)))),
    );
    worker.once('error', (e: Error) => settle(() => reject(new AppError('supply_worker_failed', 500, `supply worker: ${e.message}`))));
    worker.once('exit', (code) =>
      settle(() => reject(new AppError('supply_worker_failed', 500, `supply worker exited (code ${code}) before answering`))),
    );
  });
}
