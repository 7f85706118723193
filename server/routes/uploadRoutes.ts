import { Router, type Request, type Response } from 'express';
import type Database from 'better-sqlite3';
import { AppError } from '../errors/AppError.ts';
import { cleanUploadTemp } from '../uploads/cleanUploadTemp.ts';
import { storeUpload, tooLarge } from '../uploads/storeUpload.ts';
import { UploadRepository } from '../uploads/UploadRepository.ts';
import { toUploadEntry } from '../uploads/uploadEntry.ts';
import { validateInstallPath, validateUploadName } from '../uploads/uploadNames.ts';

export interface UploadRouterOptions {
  db: Database.Database;
  dataDir: string;
  /** `LAGO_MAX_UPLOAD_BYTES`, default {@link DEFAULT_MAX_UPLOAD_BYTES}. */
  maxBytes: number;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 100_000_000;

/** `LAGO_MAX_UPLOAD_BYTES` as a positive integer, else 100 MB. */
export function maxUploadBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.LAGO_MAX_UPLOAD_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_UPLOAD_BYTES;
}

/** Bodies that a JSON/form parser would have consumed, or that are not one raw file. */
const PARSED_TYPES = /^(application\/json|application\/x-www-form-urlencoded|multipart\/|text\/)/i;

/**
 * `/api/uploads`: users' own static binaries. Mount with
 * `app.use('/api/uploads', createUploadRouter(...))`, and do NOT put a raw or
 * JSON body parser in front of it for octet-stream: it reads the request stream itself.
 * Half-written uploads of a previous run are removed when it is created (at start).
 */
export function createUploadRouter(opts: UploadRouterOptions): Router {
  cleanUploadTemp(opts.dataDir);
  const router = Router();
  const repo = new UploadRepository(opts.db);

  router.get('/', (_req: Request, res: Response) => {
    res.json({ uploads: repo.list().map(toUploadEntry) });
  });

  router.post('/', async (req: Request, res: Response) => {
    const name = validateUploadName(req.query.name);
    const installPath = validateInstallPath(req.query.path, name);
    const type = req.get('Content-Type') ?? '';
    if (PARSED_TYPES.test(type) || req.readableEnded) {
      throw new AppError(
        'unsupported_media_type',
        415,
        'Send the binary itself as the request body with Content-Type: application/octet-stream.',
      );
    }
    const declared = Number(req.get('Content-Length'));
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      // Node drains the unread body after the response, so the client still reads this 413.
      throw tooLarge(opts.maxBytes);
    }
    const { entry, created } = await storeUpload({
      db: opts.db,
      dataDir: opts.dataDir,
      maxBytes: opts.maxBytes,
      name,
      installPath,
      body: req,
    });
    res.status(created ? 201 : 200).json(entry);
  });

  return router;
}
