import { Router, type Request, type Response } from 'express';
import type { UploadUseCases } from '../usecases/uploadUseCases.ts';

/**
 * `/api/uploads`: users' own static binaries. Do NOT put a raw body parser in
 * front of it for octet-stream: the use case reads the request stream itself.
 */
export function createUploadRouter(uploads: UploadUseCases): Router {
  const router = Router();

  router.get('/', (_req: Request, res: Response) => {
    res.json({ uploads: uploads.list() });
  });

  router.post('/', async (req: Request, res: Response) => {
    const { entry, created } = await uploads.store({
      name: req.query.name,
      path: req.query.path,
      contentType: req.get('Content-Type') ?? '',
      contentLength: req.get('Content-Length'),
      body: req,
      bodyConsumed: req.readableEnded,
    });
    res.status(created ? 201 : 200).json(entry);
  });

  return router;
}
