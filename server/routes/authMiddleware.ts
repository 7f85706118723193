import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors/AppError.ts';
import { cookieValue } from '../http/cookies.ts';

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

function bearerToken(req: Request): string | undefined {
  const header = req.get('Authorization');
  if (header === undefined) return undefined;
  return /^Bearer[ ]+(\S+)\s*$/i.exec(header)?.[1] ?? '';
}

/** The cookie that lets EventSource and download links (which cannot send headers) read. */
export const AUTH_COOKIE = 'lago_auth';

/**
 * The cookie's value: derived from the token (so it needs no server state and
 * dies when the token changes), never the token itself.
 */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('lago-grey read session v1').digest('base64url');
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
 * `Authorization: Bearer <token>`, else 401. A request that does gets an
 * `HttpOnly; SameSite=Strict` cookie derived from the token, which GET/HEAD
 * requests (SSE, downloads) may present instead: it can read, never write,
 * and it never appears in a URL, a log or a Referer. Mount it before all routes.
 */
export function authMiddleware(opts: AuthOptions): RequestHandler {
  const token = opts.token !== undefined && opts.token.length > 0 ? opts.token : undefined;
  const session = token === undefined ? undefined : sessionValue(token);
  return (req: Request, res: Response, next: NextFunction) => {
    if (token === undefined || session === undefined || !isApiPath(req.originalUrl)) {
      next();
      return;
    }
    const presented = bearerToken(req);
    if (presented !== undefined && sameSecret(presented, token)) {
      if (cookieValue(req, AUTH_COOKIE) !== session) {
        res.append('Set-Cookie', `${AUTH_COOKIE}=${session}; Path=/api; HttpOnly; SameSite=Strict`);
      }
      next();
      return;
    }
    const cookie = cookieValue(req, AUTH_COOKIE);
    if (
      presented === undefined &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      cookie !== undefined &&
      sameSecret(cookie, session)
    ) {
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
