/**
 * Defences against a web page in the user's browser (see docs/security.md):
 *
 * - DNS rebinding: a page on `evil.example` whose name is re-pointed at
 *   127.0.0.1 talks to us with `Host: evil.example`. Only Host names we are
 *   known by are served: IP literals (a rebinding needs a name), `localhost`,
 *   the bound host name and `LAGO_ALLOWED_HOSTS`.
 * - CSRF: a state-changing request (anything but GET/HEAD/OPTIONS) whose
 *   `Origin` is not this server is refused, and its body must be JSON or
 *   octet-stream (multipart only for `/api/verify`), which a cross-site form
 *   or a no-cors fetch cannot send without a CORS preflight that we never grant.
 */
import { isIP } from 'node:net';
import type { RequestHandler } from 'express';
import { AppError } from '../errors/AppError.ts';

export interface HostPolicy {
  /** The address or name the server is bound to (`HOST`). */
  boundHost: string;
  /** `LAGO_ALLOWED_HOSTS`, lower-case names without ports. */
  allowedHosts: readonly string[];
}

/** `Host`/`Origin` authority → lower-case host name without port or brackets; undefined when malformed. */
export function hostName(authority: string): string | undefined {
  const a = authority.trim().toLowerCase();
  const m = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9._-]+))(?::(\d{1,5}))?$/.exec(a);
  if (!m) return undefined;
  return m[1] ?? m[2];
}

/** Whether a request naming `host` (its `Host` header) is for us. */
export function isAllowedHost(host: string | undefined, policy: HostPolicy): boolean {
  if (host === undefined) return false;
  const name = hostName(host);
  if (name === undefined || name === '') return false;
  if (isIP(name) !== 0) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const bound = policy.boundHost
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (name === bound) return true;
  return policy.allowedHosts.includes(name);
}

export function hostGuard(policy: HostPolicy): RequestHandler {
  return (req, _res, next) => {
    if (isAllowedHost(req.get('Host'), policy)) {
      next();
      return;
    }
    next(
      new AppError(
        'forbidden_host',
        403,
        `This server does not answer to the host name ${JSON.stringify((req.get('Host') ?? '').slice(0, 100))}. ` +
          'Open it by its address (e.g. http://127.0.0.1:8787), or, behind a reverse proxy, add the name to LAGO_ALLOWED_HOSTS.',
      ),
    );
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The default port of an origin's scheme, so that `https://a` and Host `a:443` match. */
function originAuthority(origin: string): { name: string; port: string } | undefined {
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    const name = u.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    return { name, port: u.port || (u.protocol === 'https:' ? '443' : '80') };
  } catch {
    return undefined;
  }
}

/** Whether `origin` is this server, reached under `host` (or a name in the allow list). */
export function isSameOrigin(origin: string, host: string, policy: HostPolicy): boolean {
  const o = originAuthority(origin);
  if (o === undefined) return false;
  if (policy.allowedHosts.includes(o.name)) return true;
  const h = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9._-]+))(?::(\d{1,5}))?$/.exec(host.trim().toLowerCase());
  if (!h) return false;
  const hostName = h[1] ?? h[2];
  // Host carries no port for a scheme's default one.
  const hostPort = h[3] ?? o.port;
  return hostName === o.name && hostPort === o.port;
}

export function originGuard(policy: HostPolicy): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const origin = req.get('Origin');
    // Browsers send Origin with every non-GET request; its absence means a non-browser client (curl, the CLI).
    const fetchSite = req.get('Sec-Fetch-Site');
    const crossSite = fetchSite === 'cross-site' || fetchSite === 'same-site';
    if (
      (origin !== undefined && !isSameOrigin(origin, req.get('Host') ?? '', policy)) ||
      (origin === undefined && crossSite)
    ) {
      next(
        new AppError(
          'forbidden_origin',
          403,
          `Refused a ${req.method} from another site (Origin ${JSON.stringify((origin ?? fetchSite ?? '').slice(0, 100))}): ` +
            "only this server's own page may change things here.",
        ),
      );
      return;
    }
    next();
  };
}

/** Types that need a CORS preflight, which this server never grants to another origin. */
const PREFLIGHTED = /^application\/(json|octet-stream)\s*(;|$)/i;
const MULTIPART = /^multipart\/form-data\s*;/i;

/** Whether the request carries a body at all. */
function hasBody(headers: {
  'content-length'?: string | undefined;
  'transfer-encoding'?: string | undefined;
}): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const n = Number(headers['content-length'] ?? '0');
  return Number.isFinite(n) && n > 0;
}

export function contentTypeGuard(): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || !hasBody(req.headers)) {
      next();
      return;
    }
    const type = req.get('Content-Type') ?? '';
    if (PREFLIGHTED.test(type) || (MULTIPART.test(type) && /^\/api\/verify\/?$/i.test(req.path))) {
      next();
      return;
    }
    next(
      new AppError(
        'unsupported_media_type',
        415,
        `A request body must be application/json (or application/octet-stream for a binary upload); got ${JSON.stringify(type.slice(0, 80) || 'none')}.`,
      ),
    );
  };
}
