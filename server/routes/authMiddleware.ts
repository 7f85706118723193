import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors/AppError.ts';

export interface AuthOptions {
  /** `LAGO_API_TOKEN`; undefined or empty: no auth (loopback use). */
  token: string | undefined;
}

/** Hash first so that the comparison takes the same time whatever the lengths. */
function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function presentedToken(req: Request): string | undefined {
  const header = req.get('Authorization');
  if (header !== undefined) {
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    return m?.[1];
  }
  // EventSource and <a download> cannot send headers: GETs may carry ?access_token=.
  if (req.method === 'GET' || req.method === 'HEAD') {
    const q = req.query.access_token;
    if (typeof q === 'string') return q;
  }
  return undefined;
}

/**
 * Express matches routes case-insensitively and tolerates odd spellings, so
 * the check runs on a canonical form: `/API//health` and `/%61pi/health` are
 * API paths too.
 */
function isApiPath(originalUrl: string): boolean {
  let path = originalUrl.split('?')[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    return true; // undecodable: treat as API, i.e. demand the token
  }
  path = path.toLowerCase().replace(/\/+/g, '/');
  return path === '/api' || path.startsWith('/api/');
}

/**
 * When a token is configured, every `/api` request must carry
 * `Authorization: Bearer <token>` (or `?access_token=` on GET, for SSE and
 * downloads), else 401. Mount it before all routes: `app.use(authMiddleware({token}))`;
 * it looks at `req.originalUrl`, so it also works under `app.use('/api', …)`.
 */
export function authMiddleware(opts: AuthOptions): RequestHandler {
  const token = opts.token !== undefined && opts.token.length > 0 ? opts.token : undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    if (token === undefined || !isApiPath(req.originalUrl)) {
      next();
      return;
    }
    const presented = presentedToken(req);
    if (presented !== undefined && sameSecret(presented, token)) {
      next();
      return;
    }
    res.set('WWW-Authenticate', 'Bearer realm="lago-grey"');
    next(
      new AppError(
        'unauthorized',
        401,
        presented === undefined
          ? 'This server requires a token: send Authorization: Bearer <LAGO_API_TOKEN>.'
          : 'The API token is wrong.',
      ),
    );
  };
}
