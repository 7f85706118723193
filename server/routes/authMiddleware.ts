import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
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

/** 127.0.0.0/8, ::1, localhost (and the IPv4-mapped forms). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * Why the server must not start on `host` with this token, or undefined when
 * it may. Anything but loopback exposes builds (which run code) to the
 * network, so it needs `LAGO_API_TOKEN`.
 */
export function bindRefusal(opts: { host: string; token: string | undefined }): string | undefined {
  if (isLoopbackHost(opts.host)) return undefined;
  if (opts.token !== undefined && opts.token.length > 0) return undefined;
  const shown = opts.host === '' ? '(all interfaces)' : opts.host;
  return (
    `refusing to listen on ${shown} without LAGO_API_TOKEN: anyone who can reach this address could run builds on this machine. ` +
    'Set LAGO_API_TOKEN to a long random secret (e.g. `export LAGO_API_TOKEN=$(openssl rand -hex 32)`) and send it as ' +
    '`Authorization: Bearer <token>`, or bind to 127.0.0.1 (HOST=127.0.0.1, the default).'
  );
}

/** Throws an Error with {@link bindRefusal}'s message when the bind is not allowed. */
export function assertBindAllowed(opts: { host: string; token: string | undefined }): void {
  const why = bindRefusal(opts);
  if (why !== undefined) throw new Error(why);
}
