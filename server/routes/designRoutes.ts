import express, { type Request, type Response, Router } from 'express';
import { AppError } from '../errors/AppError.ts';
import type { DesignUseCases } from '../usecases/designUseCases.ts';

/** `If-Match: "3"` (also `3`, `W/"3"`, `*`) → the revision the client edited. */
export function parseIfMatch(header: string | undefined): number | '*' {
  if (header === undefined || header.trim() === '') {
    throw new AppError(
      'precondition_required',
      428,
      'PUT needs an If-Match header with the revision you edited (the ETag of GET /api/designs/:id), so that two tabs cannot overwrite each other.',
    );
  }
  const value = header.trim();
  if (value === '*') return '*';
  const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value);
  if (m?.[1] === undefined) {
    throw new AppError(
      'invalid_if_match',
      400,
      `If-Match must be one revision such as "3", got ${JSON.stringify(value.slice(0, 40))}.`,
    );
  }
  return Number(m[1]);
}

const etag = (revision: number): string => `"${revision}"`;

const param = (req: Request, name: string): string => {
  const v = (req.params as Record<string, string | undefined>)[name];
  return typeof v === 'string' ? v : '';
};

/** `/api/designs`: saved designs with revisions and a 30-day soft delete. */
export function createDesignRouter(service: DesignUseCases): Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  router.get('/', (req: Request, res: Response) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : undefined;
    if (req.query.deleted === '1' || req.query.deleted === 'true') {
      res.json({ designs: service.listDeleted() });
      return;
    }
    res.json({ designs: service.list(q) });
  });

  router.post('/', (req: Request, res: Response) => {
    const saved = service.create(req.body);
    res.status(201).set('ETag', etag(saved.revision)).location(`/api/designs/${saved.id}`).json(saved);
  });

  router.get('/:id', (req: Request, res: Response) => {
    const saved = service.get(param(req, 'id'));
    res.set('ETag', etag(saved.revision)).set('Cache-Control', 'no-store').json(saved);
  });

  router.put('/:id', (req: Request, res: Response) => {
    const ifMatch = parseIfMatch(req.get('If-Match'));
    const result = service.update(param(req, 'id'), req.body, ifMatch);
    if (!result.ok) {
      res
        .status(409)
        .set('ETag', etag(result.current.revision))
        .json({
          error: {
            code: 'revision_conflict',
            message: `The design changed since you opened it: it is at revision ${result.current.revision}, you edited revision ${result.yours.revision}.`,
          },
          current: result.current,
          yours: result.yours,
        });
      return;
    }
    const { ok: _ok, ...saved } = result;
    res.set('ETag', etag(saved.revision)).json(saved);
  });

  router.delete('/:id', (req: Request, res: Response) => {
    res.json(service.delete(param(req, 'id')));
  });

  router.post('/:id/restore', (req: Request, res: Response) => {
    const restored = service.restore(param(req, 'id'));
    res.set('ETag', etag(restored.revision)).json(restored);
  });

  return router;
}
