/**
 * The upload use cases: list users' binaries and store a new one (validated
 * as a static x86-64 ELF, content-addressed). Routes pass the request's
 * parts; they never touch the data folder.
 */
import type { Readable } from 'node:stream';
import type Database from 'better-sqlite3';
import type { CatalogItem } from '../../shared/catalog/types.ts';
import { AppError } from '../errors/AppError.ts';
import { cleanUploadTemp } from '../uploads/cleanUploadTemp.ts';
import { storeUpload, tooLarge, type StoreUploadResult } from '../uploads/storeUpload.ts';
import { uploadCatalogItems } from '../uploads/uploadCatalogItems.ts';
import { toUploadEntry, type UploadEntry } from '../uploads/uploadEntry.ts';
import { validateInstallPath, validateUploadName } from '../uploads/uploadNames.ts';
import { UploadRepository } from '../uploads/UploadRepository.ts';

export interface UploadRequest {
  /** `?name=` and `?path=` as they came. */
  name: unknown;
  path: unknown;
  contentType: string;
  /** `Content-Length` as sent, when sent. */
  contentLength: string | undefined;
  body: Readable;
  /** True when something already consumed the body. */
  bodyConsumed: boolean;
}

export interface UploadUseCases {
  list(): UploadEntry[];
  store(req: UploadRequest): Promise<StoreUploadResult>;
  /** Every stored upload as a catalog item (for the component service and budgets). */
  catalogItems(): CatalogItem[];
}

/** Bodies that a JSON/form parser would have consumed, or that are not one raw file. */
const PARSED_TYPES = /^(application\/json|application\/x-www-form-urlencoded|multipart\/|text\/)/i;

export interface UploadUseCaseOptions {
  db: Database.Database;
  dataDir: string;
  maxBytes: number;
}

/** Removes half-written uploads of a previous run (call once, at start). */
export function createUploadUseCases(opts: UploadUseCaseOptions): UploadUseCases {
  cleanUploadTemp(opts.dataDir);
  const repo = new UploadRepository(opts.db);
  return {
    list: () => repo.list().map(toUploadEntry),
    catalogItems: () => uploadCatalogItems(opts.db),
    async store(req) {
      const name = validateUploadName(req.name);
      const installPath = validateInstallPath(req.path, name);
      if (PARSED_TYPES.test(req.contentType) || req.bodyConsumed) {
        throw new AppError(
          'unsupported_media_type',
          415,
          'Send the binary itself as the request body with Content-Type: application/octet-stream.',
        );
      }
      const declared = Number(req.contentLength);
      // Node drains the unread body after the response, so the client still reads this 413.
      if (Number.isFinite(declared) && declared > opts.maxBytes) throw tooLarge(opts.maxBytes);
      return storeUpload({
        db: opts.db,
        dataDir: opts.dataDir,
        maxBytes: opts.maxBytes,
        name,
        installPath,
        body: req.body,
      });
    },
  };
}
